(() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`de pagina is ${document.documentElement.scrollWidth} px breed`);
  }
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip-link, .visually-hidden, dialog:not([open]), [hidden], thead')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${describe(el)} scrollt zijwaarts (${el.scrollWidth} px in ${el.clientWidth} px)`);
      continue;
    }
    if (box.right > width + 1 || box.left < -1) {
      let inside = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const o = getComputedStyle(up).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { inside = true; break; }
      }
      if (!inside) problems.push(`${describe(el)} steekt uit (${Math.round(box.left)}..${Math.round(box.right)} px)`);
    }
    if (problems.length > 5) break;
  }
  return problems;
})
