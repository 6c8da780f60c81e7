// Progressive enhancement only: the forms work without it. Moves focus to the error summary so that
// keyboard and screen-reader users start from the list of errors (RGAA 11.10).
document.addEventListener("DOMContentLoaded", function () {
  var resume = document.getElementById("resume-erreurs");
  if (resume) { resume.focus(); }
});
