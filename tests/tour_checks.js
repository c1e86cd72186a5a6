({phone, portalPage}) => {
  const out = {empty: [], clipped: [], sideways: null, chinese: []};
  const visible = (el) => el.checkVisibility({checkVisibilityCSS: true});
  const describe = (el) => {
    const id = el.id ? '#' + el.id : '';
    const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
    const cls = el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '';
    return el.tagName.toLowerCase() + id + name + cls;
  };
  const controls = 'input:not([type=hidden]), select, textarea, table';
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    // A visually hidden control (.visually-hidden, opacity 0 file inputs behind a label)
    // is hidden on purpose; it is 1 px, not 0.
    if (box.width < 1 || box.height < 1) out.empty.push(`${describe(el)} is ${box.width}×${box.height} px`);
  }
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const hidesX = ['hidden', 'clip'].includes(style.overflowX);
    const hidesY = ['hidden', 'clip'].includes(style.overflowY);
    if (!hidesX && !hidesY) {
      // A scrolling box squeezed to nothing hides all it holds (a table in a 0 px wrapper).
      const scrolls = style.overflowX !== 'visible' || style.overflowY !== 'visible';
      const squeezed = (el.clientWidth < 2 && el.scrollWidth > 2) || (el.clientHeight < 2 && el.scrollHeight > 2);
      if (scrolls && squeezed && visible(el)) {
        out.clipped.push(`${describe(el)} is ${el.clientWidth}×${el.clientHeight} px and holds ${el.scrollWidth}×${el.scrollHeight} px`);
      }
      continue;
    }
    // Text boxes scroll their own text; their own width is checked above.
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) continue;
    if (!visible(el) || el.classList.contains('visually-hidden')) continue;
    if (style.textOverflow === 'ellipsis' && el.title) continue;  // cut on purpose, whole on hover
    // Clamped to a number of lines on purpose (-webkit-line-clamp ends the cut with an ellipsis):
    // a board card's summary, whole on the item's page.
    if (style.webkitLineClamp && style.webkitLineClamp !== 'none') continue;
    if (parseFloat(style.textIndent) < -999) continue;  // an icon button's text, moved out on purpose
    const wide = hidesX && el.scrollWidth > el.clientWidth + 1;
    // A few px below a line box are its descenders' room, not hidden content.
    const tall = hidesY && el.scrollHeight > el.clientHeight + 4;
    if ((wide || tall) && el.clientWidth > 0) {
      out.clipped.push(`${describe(el)} shows ${el.clientWidth}×${el.clientHeight} of ${el.scrollWidth}×${el.scrollHeight} px: "${el.innerText.trim().slice(0, 60)}"`);
    }
  }
  if (phone && portalPage) {
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) out.sideways = `page is ${width} px wide in a ${window.innerWidth} px window`;
  }
  out.lang = document.documentElement.lang;
  if (document.documentElement.lang === 'en') {
    const excluded = (start) => {
      for (let el = start; el && el !== document.documentElement; el = el.parentElement) {
        if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA'].includes(el.tagName)) return true;
        if (el.getAttribute('translate') === 'no') return true;
        if (el.lang && el.lang.toLowerCase().startsWith('zh')) return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]/;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue.trim();
      if (text && cjk.test(text) && !excluded(node.parentElement) && node.parentElement.checkVisibility()) out.chinese.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], img[alt], input[type=submit]')) {
      if (excluded(el)) continue;
      for (const attr of ['placeholder', 'title', 'aria-label', 'alt', 'value']) {
        if (attr === 'value' && el.type !== 'submit') continue;
        const text = (el.getAttribute(attr) || '').trim();
        if (text && cjk.test(text)) out.chinese.push(`${attr}="${text}"`);
      }
    }
  }
  return out;
}
