/**
 * The style sheet of the HTML reports: one inline `<style>` element (allowed by the page's Content-Security-Policy
 * through its SHA-256 hash, so no `style="..."` attribute is used anywhere). System fonts only, no image but CSS
 * shapes; light and dark colours (`prefers-color-scheme`), a print layout (closed `<details>` print open), and a
 * fluid layout that reflows at 200% zoom: wide tables scroll inside their own box, never the page.
 *
 * Status colours always come with an icon and a word (`.s-ok` ✓ ok, `.s-err` ✗ ...): colour is never the only
 * signal.
 *
 * @module
 */

/** The CSS text (minified by hand: it is inlined in every report). */
export const HTML_STYLE = `
:root{color-scheme:light dark;--bg:#f5f6f8;--fg:#1b1f24;--mut:#5b636d;--card:#fff;--line:#d5dbe1;--code:#eef1f4;
--ok:#116329;--ok-b:#d3f5dc;--warn:#7d4e00;--warn-b:#fff1c2;--err:#b3121f;--err-b:#ffe3e1;--info:#0a58ca;--info-b:#dcecff;
--dns:#6f3bc4;--dns-b:#efe4ff;--none:#555e68;--none-b:#e6e9ed;--link:#0a58ca;--bar:#c7ced6;--info2:#5b9bf0}
@media (prefers-color-scheme:dark){:root{--bg:#0e1217;--fg:#e4e9ef;--mut:#9aa4af;--card:#161c23;--line:#2f3842;
--code:#1f2730;--ok:#5ad27a;--ok-b:#10361d;--warn:#e3b341;--warn-b:#3a2c08;--err:#ff7b72;--err-b:#47171a;--info:#7cb8ff;
--info-b:#11294a;--dns:#c9a4ff;--dns-b:#2d1f4b;--none:#a3acb6;--none-b:#252d36;--link:#7cb8ff;--bar:#38424d;--info2:#3b6fb5}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif}
main{max-width:80rem;margin:0 auto;padding:1rem clamp(.5rem,2.5vw,2rem) 3rem}
a{color:var(--link)}
h1{font-size:1.6rem;margin:.5rem 0 .25rem}
h2{font-size:1.35rem;margin:0}
h3{font-size:1.05rem;margin:1.4rem 0 .5rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}
h4{font-size:.95rem;margin:1rem 0 .4rem}
p{margin:.35rem 0}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:.86em}
code{background:var(--code);border-radius:4px;padding:.05em .3em;overflow-wrap:anywhere;unicode-bidi:isolate}
bdi{unicode-bidi:isolate}
.rec{display:block;white-space:pre-wrap;word-break:break-all;padding:.3em .45em}
.sub{color:var(--mut);font-size:.9em}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem clamp(.6rem,2vw,1.4rem);margin:1rem 0}
.top{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:baseline;justify-content:space-between}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
thead th{background:var(--code);font-weight:600;white-space:nowrap}
tbody th{font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.recs td:nth-child(2) code,.recs tbody th{white-space:nowrap}
.recs td:nth-child(4){min-width:16rem}.zf{font:.8em ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;color:var(--mut);overflow-wrap:anywhere;margin-top:.15rem}
td[data-over]{color:var(--err);font-weight:700}
meter{width:4rem;vertical-align:middle}.rate{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:.3rem 0}
.b{display:inline-block;border-radius:999px;padding:0 .55em;font-size:.85em;font-weight:600;white-space:nowrap;border:1px solid currentColor}
.s-ok{color:var(--ok);background:var(--ok-b)}.s-warn{color:var(--warn);background:var(--warn-b)}
.s-err{color:var(--err);background:var(--err-b)}.s-info{color:var(--info);background:var(--info-b)}
.s-dns{color:var(--dns);background:var(--dns-b)}.s-none{color:var(--none);background:var(--none-b)}
.verdict{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;border-left:6px solid var(--line);padding-left:.8rem}
.verdict.s-ok{border-color:var(--ok)}.verdict.s-err{border-color:var(--err)}.verdict.s-dns{border-color:var(--dns)}.verdict.s-warn{border-color:var(--warn)}
.verdict,.verdict.s-ok,.verdict.s-err,.verdict.s-dns,.verdict.s-warn{background:none}
.big{font-size:1.05rem;padding:.15em .8em}
.chips{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;margin:.6rem 0 0;padding:0}
.chips li{border-radius:6px;padding:.05rem .5rem;font-size:.85rem;border:1px solid currentColor}
.grid td[class^=s-]{white-space:nowrap;border-left:2px solid var(--card)}.grid{font-size:.86rem}.grid th,.grid td{padding:.25rem .35rem}.grid tbody th{white-space:nowrap}abbr{text-decoration:none}
.bar{display:flex;gap:2px;max-width:32rem;margin:.3rem 0 .2rem}
.bar i{flex:1;height:1.1rem;background:var(--bar);border-radius:2px;min-width:4px}
.bar i.on{background:var(--info)}.bar i.on2{background:var(--info2)}.bar i.ok{background:var(--ok)}.bar i.over{background:var(--err)}
.bar i.gap{background:none;border:1px dashed var(--bar)}
.legend{font-size:.85rem;color:var(--mut);list-style:none;padding:0;margin:.1rem 0;display:flex;flex-wrap:wrap;gap:.1rem .9rem}
.tree,.tree ul{list-style:none;margin:0;padding-left:1.1rem}
.tree{padding-left:0}
.tree ul{border-left:2px solid var(--line);margin-left:.35rem}
.tree li{margin:.15rem 0;position:relative}
.tree ul>li::before{content:"";position:absolute;left:-1.1rem;top:.8em;width:.8rem;border-top:2px solid var(--line)}
.pips{display:inline-flex;gap:2px;vertical-align:middle;margin:0 .3rem}
.pips i{width:.55rem;height:.55rem;border-radius:2px;background:var(--info)}
.ladder{display:flex;list-style:none;padding:0;margin:.4rem 0;gap:2px;max-width:30rem}
.ladder li{flex:1;text-align:center;padding:.2rem .4rem;background:var(--none-b);color:var(--none);font-size:.88rem}
.ladder li:first-child{border-radius:6px 0 0 6px}.ladder li:last-child{border-radius:0 6px 6px 0}
.ladder li[aria-current]{font-weight:700;outline:2px solid currentColor;outline-offset:-2px}
.ladder .s-ok,.ladder .s-warn,.ladder .s-err{font-weight:700}
dl.kv{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;margin:.4rem 0}
dl.kv dt{color:var(--mut)}dl.kv dd{margin:0;min-width:0}
.findings{list-style:none;padding:0;margin:0}
.f{border:1px solid var(--line);border-left-width:5px;border-radius:6px;padding:.45rem .7rem;margin:.45rem 0}
.f.s-err{border-left-color:var(--err)}.f.s-warn{border-left-color:var(--warn)}.f.s-info{border-left-color:var(--info)}
.f,.f.s-err,.f.s-warn,.f.s-info{background:var(--card);color:var(--fg)}
.f p{margin:.15rem 0}.f>a:first-child{font-weight:600}
.fix{color:var(--fg)}.fix strong{color:var(--mut)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.6rem;margin:.6rem 0}
.cards div{border-radius:8px;padding:.5rem .8rem;border:1px solid currentColor}
.cards strong{display:block;font-size:1.6rem;line-height:1.2}
.nav{font-size:.9rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.5rem 0}
.filters input,.filters select{font:inherit;padding:.15rem .4rem;max-width:100%}
button.sort{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:left}
button.sort:hover{text-decoration:underline}
th[aria-sort=ascending] button.sort::after{content:" \\2191"}th[aria-sort=descending] button.sort::after{content:" \\2193"}
details>summary{cursor:pointer;font-weight:600;margin:.3rem 0}
footer{color:var(--mut);font-size:.85rem;margin-top:2rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
:focus-visible{outline:3px solid var(--link);outline-offset:2px}
@media (max-width:40rem){dl.kv{grid-template-columns:1fr}dl.kv dt{font-weight:600}}
@media (max-width:56rem){.recs td:nth-child(2) code{white-space:normal}}
@media print{body{background:#fff;color:#000;font-size:11pt}main{max-width:none;padding:0}.card{break-inside:avoid-page;border-color:#999}
section.domain{break-before:page}section.domain:first-of-type{break-before:auto}.filters,button.sort::after{display:none}
details::details-content{content-visibility:visible;display:contents}a{color:inherit}.scroll{overflow:visible}}
`.trim();
