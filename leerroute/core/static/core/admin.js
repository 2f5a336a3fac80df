'use strict';
// The beheer (Django admin): every field gets a name a screen reader can read
// (WCAG 1.3.1, 4.1.2) where the admin gives it none: the search-as-you-type
// fields (select2), the fields in a table of rows (an inline), the date and time
// of a moment, and the icons of the two-list choosers. Loaded with "defer": it
// runs after the admin's scripts and before they set up the fields.
{
    const CONTROLS = 'input:not([type="hidden"]), select, textarea';

    function text(element) {
        return element.textContent.replace(/\s+/g, ' ').replace(/:\s*$/, '').trim();
    }

    // In a table of rows (an inline): the column's heading.
    function columnOf(control) {
        const cell = control.closest('td');
        const table = cell && cell.closest('table');
        const heading = table && table.querySelectorAll('thead th')[cell.cellIndex];
        return heading ? text(heading) : '';
    }

    function labelFor(control) {
        return control.id ? document.querySelector(`label[for="${control.id}"]`) : null;
    }

    // The field's label: its <label>, else its column's heading.
    function labelOf(control) {
        const label = labelFor(control);
        return (label && text(label)) || columnOf(control) || control.name;
    }

    function hasName(control) {
        return (
            control.getAttribute('aria-label') ||
            control.getAttribute('aria-labelledby') ||
            control.closest('label') ||
            labelFor(control)
        );
    }

    function nameControls(root) {
        root.querySelectorAll(CONTROLS).forEach((control) => {
            if (hasName(control) || control.closest('.select2')) {
                return;
            }
            const datetime = control.closest('.datetime');
            if (datetime) {
                // "Datum: [ ] Tijd: [ ]": the field's label and the part's.
                const row = datetime.closest('.form-row, .fieldBox');
                const field = row && row.querySelector('label');
                const part = control.previousSibling;
                const names = [field ? text(field) : '', part ? text(part) : ''];
                control.setAttribute('aria-label', names.filter(Boolean).join(', '));
                return;
            }
            const column = columnOf(control);
            if (column) {
                control.setAttribute('aria-label', column);
            }
        });
    }

    function nameSearchFields(root) {
        root.querySelectorAll('select.admin-autocomplete').forEach((select) => {
            const container = select.nextElementSibling;
            if (!container || !container.classList.contains('select2')) {
                return;
            }
            const name = labelOf(select);
            const box = container.querySelector('.select2-selection');
            const shown = container.querySelector('.select2-selection__rendered');
            if (box && (select.multiple || !shown || !shown.id)) {
                box.setAttribute('aria-label', name);
                box.removeAttribute('aria-labelledby');
            } else if (box) {
                // The field's name, then the value chosen.
                let hidden = container.querySelector('.leerroute-field-name');
                if (!hidden) {
                    hidden = document.createElement('span');
                    hidden.className = 'leerroute-field-name';
                    hidden.hidden = true;
                    hidden.id = `${shown.id}-name`;
                    container.appendChild(hidden);
                }
                hidden.textContent = name;
                box.setAttribute('aria-labelledby', `${hidden.id} ${shown.id}`);
                shown.setAttribute('aria-labelledby', `${hidden.id} ${shown.id}`);
            }
            container.querySelectorAll('.select2-search__field').forEach((field) => {
                field.setAttribute('aria-label', name);
            });
        });
    }

    // The two-list chooser's icons carry a name (aria-label): as images.
    function nameIcons(root) {
        root.querySelectorAll('.help-tooltip[aria-label]:not([role])').forEach((icon) => {
            icon.setAttribute('role', 'img');
        });
    }

    // A table of rows scrolls sideways on a narrow screen (admin.css): one with
    // nothing to focus in it (read-only rows) can be scrolled from the keyboard.
    function scrollableTables(root) {
        root.querySelectorAll('.inline-group .tabular').forEach((table) => {
            if (table.hasAttribute('tabindex') || table.querySelector('a[href], ' + CONTROLS)) {
                return;
            }
            const heading = table.querySelector('h2');
            table.setAttribute('tabindex', '0');
            table.setAttribute('role', 'region');
            table.setAttribute('aria-label', heading ? text(heading) : '');
        });
    }

    function nameAll(root) {
        nameSearchFields(root);
        nameControls(root);
        nameIcons(root);
        scrollableTables(root);
    }

    // A list of chosen values (several) has a remove button per value: no
    // "remove all" inside the list (its <ul> may hold list items only).
    document.querySelectorAll('select.admin-autocomplete[multiple]').forEach((select) => {
        select.setAttribute('data-allow-clear', 'false');
    });

    const $ = window.django && window.django.jQuery;
    if ($) {
        // After the admin's own set-up (registered before this script ran).
        $(() => nameAll(document));
        $(document).on('select2:select select2:unselect select2:close', 'select.admin-autocomplete', (event) => {
            nameSearchFields(event.target.parentElement);
        });
    } else {
        document.addEventListener('DOMContentLoaded', () => nameAll(document));
    }
    // The two-list choosers are built when the page has loaded.
    window.addEventListener('load', () => nameAll(document));
    document.addEventListener('formset:added', (event) => nameAll(event.target));
}
