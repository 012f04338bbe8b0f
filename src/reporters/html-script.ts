/**
 * Inline script of the HTML report: the method, check and verdict filters, expand and collapse,
 * and the copy buttons. It reads only the page; it sends nothing anywhere.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var methodFilter = document.getElementById('filter-method');
  var checkFilter = document.getElementById('filter-check');
  var verdictFilter = document.getElementById('filter-verdict');
  var countLabel = document.getElementById('grid-count');

  function matches(value, selected) {
    return selected === '' || value === selected;
  }

  function each(selector, visit) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), visit);
  }

  function filterGrid(method, check, verdict) {
    var shownRows = 0;
    var total = 0;
    each('[data-testid="grid-row"]', function (row) {
      var visibleCells = 0;
      total += 1;
      Array.prototype.forEach.call(row.querySelectorAll('td[data-check]'), function (cell) {
        var cellVerdict = cell.getAttribute('data-verdict');
        var applied = cellVerdict !== 'none';
        // A pair the method does not have shows as n/a until a verdict is picked.
        var show = matches(cell.getAttribute('data-check'), check) &&
          (applied ? matches(cellVerdict, verdict) : verdict === '');
        cell.classList.toggle('is-filtered', !show);
        if (show && applied) visibleCells += 1;
      });
      var rowShown = matches(row.getAttribute('data-method'), method) && visibleCells > 0;
      row.hidden = !rowShown;
      if (rowShown) shownRows += 1;
    });
    each('[data-column]', function (element) {
      element.hidden = !matches(element.getAttribute('data-column'), check);
    });
    if (countLabel) countLabel.textContent = shownRows + ' of ' + total + ' methods shown';
  }

  function matchesAttribute(element, name, selected) {
    return selected === '' || !element.hasAttribute(name) || element.getAttribute(name) === selected;
  }

  function filterItems(method, check, verdict) {
    each('[data-filterable]', function (item) {
      item.hidden = !(matchesAttribute(item, 'data-method', method) &&
        matchesAttribute(item, 'data-check', check) &&
        matchesAttribute(item, 'data-verdict', verdict));
    });
  }

  function apply() {
    var method = methodFilter ? methodFilter.value : '';
    var check = checkFilter ? checkFilter.value : '';
    var verdict = verdictFilter ? verdictFilter.value : '';
    filterGrid(method, check, verdict);
    filterItems(method, check, verdict);
  }

  [methodFilter, checkFilter, verdictFilter].forEach(function (select) {
    if (select) select.addEventListener('change', apply);
  });

  var reset = document.getElementById('filter-reset');
  if (reset) {
    reset.addEventListener('click', function () {
      [methodFilter, checkFilter, verdictFilter].forEach(function (select) {
        if (select) select.value = '';
      });
      apply();
    });
  }

  function setOpen(open) {
    each('details.finding', function (details) {
      if (!details.closest('[hidden]')) details.open = open;
    });
  }
  var expand = document.getElementById('expand-all');
  var collapse = document.getElementById('collapse-all');
  if (expand) expand.addEventListener('click', function () { setOpen(true); });
  if (collapse) collapse.addEventListener('click', function () { setOpen(false); });

  each('button.copy', function (button) {
    button.addEventListener('click', function () {
      var target = document.getElementById(button.getAttribute('data-copy'));
      if (!target) return;
      var text = target.textContent || '';
      var done = function () { button.textContent = 'copied'; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { selectText(target); });
      } else {
        selectText(target);
      }
    });
  });

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  apply();
})();
`;
