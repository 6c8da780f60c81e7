// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";

  // Error summary first: keyboard and screen-reader users start from the list of errors (RGAA 11.10).
  function focaliserResume() {
    var resume = document.getElementById("resume-erreurs");
    if (resume) { resume.focus(); }
  }

  function sansAccents(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A long <select data-filtrable="label"> gets a text box above it that narrows its options as one types
  // ("saill" → Saillans). The select stays the form control, so nothing changes for the server, and the
  // number of matches is announced to screen readers.
  function rendreFiltrable(select) {
    var options = Array.prototype.slice.call(select.options).map(function (option) {
      return { valeur: option.value, texte: option.text, cle: sansAccents(option.text) };
    });
    var id = select.id + "_filtre";
    var conteneur = document.createElement("div");
    conteneur.className = "filtre-liste";
    conteneur.innerHTML =
      '<label for="' + id + '">' + select.getAttribute("data-filtrable") + '</label>' +
      '<input type="search" id="' + id + '" autocomplete="off" aria-controls="' + select.id + '">' +
      '<p class="filtre-liste__annonce" aria-live="polite"></p>';
    select.parentNode.insertBefore(conteneur, select);
    var champ = conteneur.querySelector("input");
    var annonce = conteneur.querySelector("p");
    champ.addEventListener("input", function () {
      var recherche = sansAccents(champ.value.trim());
      var choisie = select.value;
      var retenues = options.filter(function (option) {
        return option.valeur === "" || option.valeur === choisie || option.cle.indexOf(recherche) !== -1;
      });
      select.options.length = 0;
      retenues.forEach(function (option) {
        select.add(new Option(option.texte, option.valeur, false, option.valeur === choisie));
      });
      var nombre = retenues.filter(function (option) { return option.valeur !== ""; }).length;
      var unique = nombre === 1 && choisie === "";
      if (unique) { select.selectedIndex = select.options[0].value === "" ? 1 : 0; }
      annonce.textContent = !recherche ? "" : unique ? "1 résultat, sélectionné : " + select.options[select.selectedIndex].text
        : nombre + " résultat" + (nombre > 1 ? "s" : "") + " dans la liste";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focaliserResume();
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filtrable]"), rendreFiltrable);
  });
})();
