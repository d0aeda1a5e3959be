"""Small widgets that ipywidgets lacks for screen-reader and keyboard users.

* :class:`LiveRegion` — feedback in a ``role="status"`` / ``aria-live="polite"`` region
  that is created once and updated in place, so screen readers announce each change.
  (ipywidgets' ``HTML`` replaces its whole content, live region included.)
* :class:`RadioGroup` — a real radio group: a ``fieldset`` whose ``legend`` is the question,
  radios sharing one ``name`` so the arrow keys move between options and Tab enters and
  leaves the group once.

* :class:`CheckGroup` — the same for "choose all that apply": checkboxes in a fieldset.

Each also installs, once per page, the guard that keeps every key typed on a control inside a
coursekit widget (ipywidgets' buttons, text boxes, date boxes and drop-downs included) from
JupyterLab's notebook shortcuts: see ``_KEY_GUARD_JS``.

All are anywidget widgets: a few lines of browser code, no build step. In Python they
behave like any widget: set ``.value`` and observers fire.
"""

from __future__ import annotations

import anywidget
import traitlets

_KEY_GUARD_JS = """
// Keys typed on a coursekit control belong to that control, never to JupyterLab.
// JupyterLab (4.x) handles shortcuts in Lumino's CommandRegistry, from one keydown listener on
// `document` in the bubble phase. When focus is on anything in a cell's output, the notebook is
// in command mode, and its command-mode shortcuts (A, B, X, M, Y, V, D D, 0 0, arrows...) have the
// selector ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus": it matches the
// focused radio, checkbox, button or <select> ITSELF. Lumino tests the selector on the target
// before it looks at the ancestors for data-lm-suppress-shortcuts, so that attribute on a
// wrapper does nothing. So: for a key on any control inside a coursekit widget, stop the keydown
// at <html>, after the control (and ipywidgets) had it, before it reaches `document`. The
// browser's own actions (typing, Space to tick, arrows between radios, Enter on a button, Tab
// to move on) are not default-prevented, so they still happen. Tab, Escape and keys held with
// Ctrl, Alt or Meta (save, the command palette) still reach JupyterLab.
if (!globalThis.__coursekitKeyGuard) {
  globalThis.__coursekitKeyGuard = true;
  document.documentElement.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof Element) || !target.closest(".coursekit-widget")) return;
    if (event.ctrlKey || event.altKey || event.metaKey || event.key === "Tab" || event.key === "Escape") return;
    event.stopPropagation();
  });
}
"""

_LIVE_ESM = _KEY_GUARD_JS + """
function render({ model, el }) {
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.className = "coursekit-live";
  const update = () => { region.innerHTML = model.get("value") || ""; };
  update();
  model.on("change:value", update);
  el.appendChild(region);
}
export default { render };
"""

_RADIO_ESM = _KEY_GUARD_JS + """
let groups = 0;
function render({ model, el }) {
  const name = `coursekit-choice-${++groups}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "coursekit-radio-group";
  const legend = document.createElement("legend");
  legend.innerHTML = model.get("label");
  fieldset.appendChild(legend);
  const inputs = [];
  for (const [id, text] of model.get("options")) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.value = id;
    input.addEventListener("change", () => {
      if (input.checked) { model.set("value", id); model.save_changes(); }
    });
    const span = document.createElement("span");
    span.textContent = text;
    label.appendChild(input);
    label.appendChild(span);
    fieldset.appendChild(label);
    inputs.push(input);
  }
  const sync = () => { for (const input of inputs) input.checked = input.value === model.get("value"); };
  sync();
  model.on("change:value", sync);
  el.appendChild(fieldset);
}
export default { render };
"""

_CHECK_ESM = _KEY_GUARD_JS + """
function render({ model, el }) {
  const fieldset = document.createElement("fieldset");
  fieldset.className = "coursekit-radio-group coursekit-check-group";
  const legend = document.createElement("legend");
  legend.innerHTML = model.get("label");
  fieldset.appendChild(legend);
  const inputs = [];
  for (const [id, text] of model.get("options")) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = id;
    input.addEventListener("change", () => {
      const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
      model.set("value", chosen); model.save_changes();
    });
    const span = document.createElement("span");
    span.textContent = text;
    label.appendChild(input);
    label.appendChild(span);
    fieldset.appendChild(label);
    inputs.push(input);
  }
  const sync = () => { const v = model.get("value") || []; for (const i of inputs) i.checked = v.includes(i.value); };
  sync();
  model.on("change:value", sync);
  el.appendChild(fieldset);
}
export default { render };
"""

_CSS = """
.coursekit-radio-group {border: 0; margin: 0; padding: 0; min-width: 0;}
.coursekit-radio-group legend {padding: 0; margin-bottom: 0.5em; line-height: 1.5;}
.coursekit-radio-group label {display: flex; align-items: flex-start; gap: 0.5em; padding: 0.2em 0; line-height: 1.4; cursor: pointer;}
.coursekit-radio-group input {margin: 0.2em 0 0 1px; flex: none;}
.coursekit-live:empty {display: none;}
.coursekit-feedback {border-left: 4px solid #005eb8; padding: 0.3em 0.8em; margin: 0.3em 0; line-height: 1.5;}
.coursekit-feedback.ck-correct {border-left-color: #007f3b;}
.coursekit-feedback.ck-wrong {border-left-color: #d5281b; border-left-style: dashed;}
.coursekit-widget .widget-dropdown select {white-space: normal; height: auto; line-height: 1.4;}
.coursekit-widget .widget-dropdown {flex-wrap: wrap; row-gap: 4px; height: auto;}
.coursekit-widget .widget-dropdown > select {flex: 1 0 auto; max-width: 100%;}
.coursekit-ranking .widget-dropdown > label {white-space: normal; height: auto; overflow: visible; max-width: 100%; line-height: 1.4; text-align: left; margin-top: 0.4em;}
.coursekit-widget .widget-html-content {line-height: 1.5;}
.coursekit-widget table th {text-align: left;}
/* Focus you can see on every control (WCAG 2.4.7, 2.4.13): a 3 px near-black ring (15:1 on the
   light theme) around a yellow halo (the NHS focus colour, for dark themes). !important: ipywidgets
   sets "outline: none !important" (on text boxes: a stronger selector than ours would be) or a
   1 px pale outline on its own inputs, drop-downs and buttons. */
.jp-OutputArea-output .coursekit-widget :focus-visible, .coursekit-widget :focus-visible {outline: 3px solid #212b32 !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #ffeb3b !important;}
/* Controls large enough to read: the course's own font (not a typewriter), several lines for a
   written answer, a date box wide enough for a date, labels that wrap above a narrow control. */
.coursekit-widget textarea, .coursekit-widget input[type=text], .coursekit-widget input[type=date],
.coursekit-widget select {font-family: var(--jp-ui-font-family, system-ui, sans-serif); font-size: 15px;}
.coursekit-widget .widget-textarea textarea {min-height: 7.5em; line-height: 1.45; padding: 6px 8px; resize: vertical;}
.coursekit-widget .widget-textarea, .coursekit-widget .widget-text, .coursekit-widget .widget-datepicker
  {flex-wrap: wrap; row-gap: 4px; height: auto;}
.coursekit-widget .widget-textarea > label, .coursekit-widget .widget-text > label,
.coursekit-widget .widget-datepicker > label {white-space: normal; height: auto; overflow: visible; max-width: 100%;
  line-height: 1.4; text-align: left;}
.coursekit-widget .widget-textarea > textarea {flex: 1 0 20em; max-width: 100%;}
.coursekit-widget .widget-text > input {flex: 1 0 16em; max-width: 100%;}
.coursekit-widget .widget-datepicker > input[type=date] {flex: 0 0 auto; min-width: 11em;}
/* Charts at their drawn size (labels 12-16 px), not the one-page document's print width. */
.jp-OutputArea-output .coursekit-widget .coursekit-chart {width: 720px; max-width: 100%;}
.jp-OutputArea-output .coursekit-widget .coursekit-chart svg {max-width: 100% !important;}
"""


class LiveRegion(anywidget.AnyWidget):
    """HTML feedback, announced politely by screen readers each time ``value`` changes."""

    _esm = _LIVE_ESM
    _css = _CSS
    value = traitlets.Unicode("").tag(sync=True)


class RadioGroup(anywidget.AnyWidget):
    """Choose one option. ``options`` is a list of ``(id, text)``; ``value`` is the chosen id."""

    _esm = _RADIO_ESM
    _css = _CSS
    label = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())).tag(sync=True)
    value = traitlets.Unicode(None, allow_none=True).tag(sync=True)

    @traitlets.validate("value")
    def _known_option(self, proposal):
        value = proposal["value"]
        if value is not None and value not in {option_id for option_id, _ in self.options}:
            raise traitlets.TraitError(f"{value!r} is not one of the options")
        return value


class CheckGroup(anywidget.AnyWidget):
    """Choose every option that applies: checkboxes in a ``fieldset`` whose ``legend`` is the question.
    ``value`` is the list of chosen ids, in the options' order."""

    _esm = _CHECK_ESM
    _css = _CSS
    label = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())).tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)

    @traitlets.validate("value")
    def _known_options(self, proposal):
        known = [option_id for option_id, _ in self.options]
        unknown = [v for v in proposal["value"] if v not in known]
        if unknown:
            raise traitlets.TraitError(f"{unknown[0]!r} is not one of the options")
        return [k for k in known if k in proposal["value"]]
