// The header's menu button on phones (no framework; loaded as a file so a strict
// Content-Security-Policy needs no 'unsafe-inline'). Without JavaScript the button stays
// hidden and the menu is simply shown; with it, the menu folds behind the button below
// 900 px. Escape closes the menu (and any open header menu) and returns focus to its toggle.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  button.hidden = false;
  function isOpen() { return button.getAttribute("aria-expanded") === "true"; }
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }
  button.addEventListener("click", function () { setOpen(!isOpen()); });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var details = document.querySelector(".header-menu[open]");
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    } else if (isOpen()) {
      setOpen(false);
      button.focus();
    }
  });
  // A click outside an open header menu (language, account) closes it, as menus do.
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".header-menu[open]").forEach(function (details) {
      if (!details.contains(event.target)) details.open = false;
    });
  });
});
