// Progressive enhancement of the "Imprimer cette fiche" link: without JavaScript the link opens the
// print-friendly version of the sheet (?impression=1); with it, the browser's print dialog opens at once.
document.addEventListener("click", function (event) {
  var lien = event.target.closest ? event.target.closest("[data-imprimer]") : null;
  if (lien && window.print) {
    event.preventDefault();
    window.print();
  }
});
