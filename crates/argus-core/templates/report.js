// argus HTML report: sorting and filtering of the findings table. It reads only the table's DOM
// (data-* attributes and cell text) and writes only the `hidden` attribute, aria-sort and text, so no
// account string is ever interpreted as markup. The initial filter comes from the URL fragment:
// report.html#filter=TEXT&status=FAIL&severity=high
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  var textBox = document.getElementById('filter-text');
  var statusBox = document.getElementById('filter-status');
  var severityBox = document.getElementById('filter-severity');
  var shown = document.getElementById('shown-count');
  var form = textBox && textBox.form;
  if (form) {
    form.addEventListener('submit', function (event) { event.preventDefault(); });
  }
  if (!table || !textBox || !statusBox || !severityBox) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  // What the text filter searches: the cells and elements marked data-f (not the long details text).
  rows.forEach(function (row) {
    var parts = Array.prototype.map.call(row.querySelectorAll('[data-f]'), function (el) {
      return el.textContent;
    });
    row.argusSearch = parts.join(' ').toLowerCase();
  });

  function matches(row, terms, statuses, severity) {
    if (statuses.length && !statuses.some(function (s) {
      return s === 'muted' ? row.getAttribute('data-muted') === 'true' : row.getAttribute('data-status') === s;
    })) {
      return false;
    }
    if (severity && row.getAttribute('data-severity') !== severity) {
      return false;
    }
    return terms.every(function (t) { return row.argusSearch.indexOf(t) !== -1; });
  }

  function apply() {
    var terms = textBox.value.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    var statuses = statusBox.value ? statusBox.value.split(',') : [];
    var severity = severityBox.value;
    var count = 0;
    rows.forEach(function (row) {
      var visible = matches(row, terms, statuses, severity);
      row.hidden = !visible;
      if (visible) {
        count += 1;
      }
    });
    if (shown) {
      shown.textContent = count + ' of ' + rows.length + ' shown';
    }
  }

  function readFragment() {
    var params = {};
    window.location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var eq = pair.indexOf('=');
      if (eq < 1) {
        return;
      }
      var value = pair.slice(eq + 1).replace(/\+/g, ' ');
      try {
        value = decodeURIComponent(value);
      } catch (e) {
        // A malformed escape: use the text as written.
      }
      params[pair.slice(0, eq)] = value;
    });
    return params;
  }

  function choose(select, value) {
    var wanted = (value || '').toLowerCase();
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value.toLowerCase() === wanted) {
        select.selectedIndex = i;
        return;
      }
    }
    select.selectedIndex = 0;
  }

  // Returns whether the fragment held filter settings.
  function applyFragment() {
    var p = readFragment();
    if (!('filter' in p) && !('status' in p) && !('severity' in p)) {
      return false;
    }
    textBox.value = p.filter || '';
    choose(statusBox, p.status);
    choose(severityBox, p.severity);
    apply();
    return true;
  }

  // Keeps the fragment in step with the controls, so a filtered view can be bookmarked or shared.
  function writeFragment() {
    var parts = [];
    if (textBox.value) {
      parts.push('filter=' + encodeURIComponent(textBox.value));
    }
    if (statusBox.value) {
      parts.push('status=' + encodeURIComponent(statusBox.value));
    }
    if (severityBox.value) {
      parts.push('severity=' + encodeURIComponent(severityBox.value));
    }
    try {
      window.history.replaceState(null, '', parts.length ? '#' + parts.join('&') : window.location.pathname);
    } catch (e) {
      // Some file:// contexts refuse replaceState; filtering still works.
    }
  }

  function onControl() {
    apply();
    writeFragment();
  }
  textBox.addEventListener('input', onControl);
  statusBox.addEventListener('change', onControl);
  severityBox.addEventListener('change', onControl);
  window.addEventListener('hashchange', function () {
    // Links such as the compliance view's check links set #filter=CHECK_ID.
    if (applyFragment() && table.scrollIntoView) {
      table.scrollIntoView();
    }
  });

  // Sorting: click (or Enter on) a header; numbers sort by data-value, text by the visible text.
  function sortKey(cell, numeric) {
    if (numeric) {
      return parseFloat(cell.getAttribute('data-value')) || 0;
    }
    var summary = cell.querySelector('summary');
    return (summary || cell).textContent.trim().toLowerCase();
  }

  function sortBy(index, header) {
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var numeric = header.getAttribute('data-type') === 'number';
    Array.prototype.forEach.call(header.parentNode.cells, function (th) { th.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var keyed = rows.map(function (row, position) {
      return { row: row, key: sortKey(row.cells[index], numeric), position: position };
    });
    keyed.sort(function (a, b) {
      var c = numeric ? a.key - b.key : a.key.localeCompare(b.key);
      return (ascending ? c : -c) || a.position - b.position;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (k) { fragment.appendChild(k.row); });
    body.appendChild(fragment);
    rows = keyed.map(function (k) { return k.row; });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
    header.tabIndex = 0;
    header.title = 'Sort';
    header.addEventListener('click', function () { sortBy(index, header); });
    header.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        sortBy(index, header);
      }
    });
  });

  if (!applyFragment()) {
    apply();
  }
}());
