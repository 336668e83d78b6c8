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
  // Desktop: the main navigation stays one row; the links that do not fit move, from the
  // end, into a "More" menu (without JavaScript the row scrolls sideways instead).
  var nav = document.querySelector(".main-nav");
  var row = nav && nav.querySelector(":scope > ul");
  var more = nav && nav.querySelector(".nav-more");
  function fitRow() {
    var panel = more.querySelector("ul");
    while (panel.firstElementChild) row.appendChild(panel.firstElementChild);
    more.hidden = true;
    more.open = false;
    if (getComputedStyle(button).display !== "none" || row.scrollWidth <= row.clientWidth) return;
    more.hidden = false;
    while (row.children.length > 1 && row.scrollWidth > row.clientWidth) {
      panel.insertBefore(row.lastElementChild, panel.firstElementChild);
    }
    more.classList.toggle("has-current", !!panel.querySelector("[aria-current]"));
  }
  if (row && more) {
    fitRow();
    var resizing;
    window.addEventListener("resize", function () {
      clearTimeout(resizing);
      resizing = setTimeout(fitRow, 100);
    });
  }
  // A click outside an open header menu (language, account) closes it, as menus do.
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".header-menu[open]").forEach(function (details) {
      if (!details.contains(event.target)) details.open = false;
    });
  });
});
