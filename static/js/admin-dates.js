/* The admin's date pickers never replace what was typed.
 *
 * Wagtail's picker (jQuery datetimepicker) validates on blur: a value it cannot read with its format was
 * silently replaced by today's date (« 31/03/2027 » typed, « 2026-12-05 » saved, no message). With
 * validateOnBlur off, the typed text stays; the server reads jj/mm/aaaa and ISO, and refuses anything else
 * with an error beside the field. Loaded in every admin page after the picker and before the forms
 * (hook insert_global_admin_js), so every date field gets it, Wagtail's own (publishing schedule) included.
 */
(function () {
  "use strict";
  if (window.jQuery && window.jQuery.fn.datetimepicker && window.jQuery.fn.datetimepicker.defaults) {
    window.jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
  }
})();
