/**
 * The one inline script of the HTML reports, a progressive enhancement: the page is complete without it. It
 * adds sort buttons to the header cells of `table.sortable` (sorting by a cell's `data-v` when it has one, else
 * its text; numbers as numbers; `aria-sort` set on the sorted column), a text and outcome filter above tables with
 * `data-filter` (rows keep their `data-outcome`), and opens every `<details>` while printing. It reads no
 * untrusted text as code, builds no HTML from strings, loads nothing and sets no inline style (the page's
 * Content-Security-Policy allows this script by its SHA-256 hash and no other).
 *
 * @module
 */

/** The script text. */
export const HTML_SCRIPT = `
(function(){
var d=document;
function key(row,i){var c=row.cells[i];if(!c)return '';var v=c.getAttribute('data-v');if(v===null)v=c.textContent.trim();
var n=Number(v);return v!==''&&!isNaN(n)?n:v.toLowerCase();}
d.querySelectorAll('table.sortable').forEach(function(t){
if(!t.tHead||!t.tBodies[0])return;var ths=t.tHead.rows[0].cells;
Array.prototype.forEach.call(ths,function(th,i){
var b=d.createElement('button');b.type='button';b.className='sort';
while(th.firstChild)b.appendChild(th.firstChild);th.appendChild(b);
b.addEventListener('click',function(){
var asc=th.getAttribute('aria-sort')!=='ascending';
Array.prototype.forEach.call(ths,function(o){o.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',asc?'ascending':'descending');
var body=t.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
rows.sort(function(a,b){var x=key(a,i),y=key(b,i);
var r=typeof x==='number'&&typeof y==='number'?x-y:String(x).localeCompare(String(y));return asc?r:-r;});
rows.forEach(function(r){body.appendChild(r);});});});});
d.querySelectorAll('table[data-filter]').forEach(function(t){
var body=t.tBodies[0];if(!body)return;
var box=d.createElement('div');box.className='filters';
var l1=d.createElement('label');l1.textContent='Filter domains ';var q=d.createElement('input');q.type='search';l1.appendChild(q);
var l2=d.createElement('label');l2.textContent='Outcome ';var s=d.createElement('select');
['all','fail','undetermined','pass','error'].forEach(function(o){var e=d.createElement('option');e.value=o;e.textContent=o;s.appendChild(e);});
l2.appendChild(s);var out=d.createElement('output');out.setAttribute('aria-live','polite');
box.appendChild(l1);box.appendChild(l2);box.appendChild(out);
var host=t.parentNode.classList.contains('scroll')?t.parentNode:t;host.parentNode.insertBefore(box,host);
function apply(){var text=q.value.trim().toLowerCase(),o=s.value,n=0;
Array.prototype.forEach.call(body.rows,function(r){
var hit=(o==='all'||r.getAttribute('data-outcome')===o)&&(text===''||r.textContent.toLowerCase().indexOf(text)>=0);
r.hidden=!hit;if(hit)n++;});out.textContent=n+' of '+body.rows.length+' domains shown';}
q.addEventListener('input',apply);s.addEventListener('change',apply);});
var closed=[];
addEventListener('beforeprint',function(){d.querySelectorAll('details:not([open])').forEach(function(x){closed.push(x);x.open=true;});});
addEventListener('afterprint',function(){closed.forEach(function(x){x.open=false;});closed=[];});
})();
`.trim();
