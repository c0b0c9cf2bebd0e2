// The timeline component (see __init__.py): draws the Plotly figure it is given, reports the
// visible range after every zoom, and the event clicked on the chart or in the card strip.

const INSTANCES = new WeakMap();  // per mounted element: its Plotly div and what it last did
const REPORT_DELAY_MS = 250;      // a zoom by wheel or pinch is many events: report the last
const WIDTH_TOLERANCE = 0.15;     // labels laid out for a width this close still fit
const MAX_WIDTH_REPORTS = 3;
const PLOTLY_FONT = '"Open Sans", verdana, arial, sans-serif';  // Plotly's default family
const LANE_NAME_GAP = 16;         // Plotly needs 11–13.5 px beyond the widest lane name (by font)
const TICK_LABEL_ROOM = 2.4;      // the time axis's labels end this many font sizes below it
const MIN_GAPPED_CELL_PX = 3;     // heat-strip cells narrower than this go without a gap
const SYMBOL_PATHS = {            // the marker shapes the legend explains (Plotly's, 12 px)
  circle: '<circle cx="7" cy="7" r="5" fill="currentColor" stroke="currentColor" stroke-width="2"/>',
  "circle-open": '<circle cx="7" cy="7" r="5" fill="none" stroke="currentColor" stroke-width="2"/>',
  diamond: '<path d="M7 1 L13 7 L7 13 L1 7 Z" fill="currentColor"/>',
};

// plotly.js is sent before the chart, in one of two bundles (see __init__.py), and may still
// be running: each runtime leaves its Plotly in window.dtePlotly and announces it. Events
// draw with either (the cartesian one once it is there: one Plotly per chart); the density
// view's heatmap needs the cartesian one.
function whenPlotly(mode) {
  const bundles = mode === "density" ? ["cartesian"] : ["cartesian", "basic"];
  const loaded = () => bundles.map((name) => (window.dtePlotly || {})[name]).find(Boolean);
  if (loaded()) return Promise.resolve(loaded());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("plotly.js did not load")), 60000);
    const check = () => {
      if (!loaded()) return;
      clearTimeout(timer);
      window.removeEventListener("dte-plotly-ready", check);
      resolve(loaded());
    };
    window.addEventListener("dte-plotly-ready", check);
  });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function skeleton(root) {
  root.replaceChildren();
  const toolbar = element("div", "dte-toolbar");
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Time range");
  const plot = element("div", "dte-plot");
  const legend = element("div", "dte-legend");
  const strip = element("div", "dte-strip");
  const previous = element("button", "dte-step dte-previous", "‹");
  previous.setAttribute("aria-label", "Previous event");
  const next = element("button", "dte-step dte-next", "›");
  next.setAttribute("aria-label", "Next event");
  const track = element("div", "dte-track");
  track.setAttribute("role", "list");
  track.setAttribute("aria-label", "Events in date order");
  strip.append(previous, track, next);
  root.append(toolbar, plot, legend, strip);
  return { toolbar, plot, legend, strip, track, previous, next };
}

// Plotly takes its colours from the figure; the app's theme is in CSS variables.
function themed(layout, root) {
  const style = getComputedStyle(root);
  const text = style.getPropertyValue("--st-text-color").trim() || "#31333f";
  const grid = style.getPropertyValue("--st-border-color").trim() || "#d7dde6";
  const font = style.getPropertyValue("--st-font").trim();
  delete layout.template;
  layout.paper_bgcolor = "rgba(0,0,0,0)";
  layout.plot_bgcolor = "rgba(0,0,0,0)";
  layout.font = { ...(layout.font || {}), color: text, ...(font ? { family: font } : {}) };
  for (const name of ["xaxis", "yaxis"]) {
    layout[name] = { ...(layout[name] || {}), gridcolor: grid, linecolor: grid, zerolinecolor: grid };
  }
  for (const note of layout.annotations || []) note.font = { ...(note.font || {}), color: text };
  layout.showlegend = false;  // the legend is drawn below, where it wraps on a phone
  layout.hoverlabel = { ...(layout.hoverlabel || {}), namelength: -1 };
  fitLaneNames(layout);
  fitTickLabels(layout);
}

// The lane names' margin, measured before drawing: Plotly's automargin finds it only after
// drawing, then draws everything again (it doubled the first draw). automargin stays on: a
// name wider than measured (a font still loading) still fits, at the cost of that redraw.
function fitLaneNames(layout) {
  const names = (layout.yaxis && layout.yaxis.ticktext) || [];
  if (!names.length) return;
  const context = document.createElement("canvas").getContext("2d");
  const font = layout.font || {};
  context.font = `${font.size || 12}px ${font.family || PLOTLY_FONT}`;
  const widest = Math.max(...names.map((name) => context.measureText(String(name)).width));
  const margin = layout.margin || {};
  layout.margin = { ...margin, l: Math.max(margin.l || 0, Math.ceil(widest) + LANE_NAME_GAP) };
}

// The years under the time axis need room below the plot (the figure's 10 px cut them in
// half); measured from the font, not by automargin, for the same reason as the lane names.
function fitTickLabels(layout) {
  const size = (layout.font && layout.font.size) || 12;
  const margin = layout.margin || {};
  layout.margin = { ...margin, b: Math.max(margin.b || 0, Math.ceil(size * TICK_LABEL_ROOM)) };
}

// A heat strip's 1 px gap between cells hides cells under 2 px wide: 180 quarters on a
// phone's plot were a blank strip but for a few lines. Cells that narrow go without.
function fitCellGaps(traces, width) {
  for (const trace of traces) {
    const cells = trace.type === "heatmap" && Array.isArray(trace.x) ? trace.x.length : 0;
    if (cells && trace.xgap && width / cells < MIN_GAPPED_CELL_PX) trace.xgap = 0;
  }
}

function visibleRange(gd) {
  const axis = gd._fullLayout && gd._fullLayout.xaxis;
  return axis ? { range: axis.range.slice(), width: Math.round(axis._length),
                  screen: window.innerWidth } : null;
}

// Each report carries a token the app echoes as data.answered once it has drawn for it:
// until then the chart is not settled (data-ready="false"), which tests wait on.
function report(state) {
  state.timer = null;
  const view = visibleRange(state.gd);
  if (!view || view.width <= 0) {  // hidden: nothing to lay out for
    settle(state);
    return;
  }
  state.reportedWidth = view.width;
  state.reports = (state.reports || 0) + 1;
  state.pending = `${Date.now()}-${state.reports}`;
  state.setStateValue("view", { ...view, view_id: state.data.view_id, seq: state.pending });
}

function reportSoon(state) {
  clearTimeout(state.timer);
  state.root.dataset.ready = "false";
  state.timer = setTimeout(() => report(state), REPORT_DELAY_MS);
}

function settle(state) {
  if (state.pending && state.data.answered === state.pending) state.pending = null;
  state.root.dataset.ready = String(!state.timer && !state.pending);
}

// A width report reruns the app, which could change the layout again: a few per filter at
// most, so a layout that swings between two widths cannot loop.
function widthChanged(state) {
  const view = visibleRange(state.gd);
  const laidOut = state.reportedWidth || state.data.assumed_width;
  const changed = view && view.width > 0
    && Math.abs(view.width - laidOut) / laidOut > WIDTH_TOLERANCE
    && (state.widthReports || 0) < MAX_WIDTH_REPORTS;
  if (changed) state.widthReports = (state.widthReports || 0) + 1;
  return changed;
}

function setRange(state, range) {
  state.plotly.relayout(state.gd, { "xaxis.range": range });
}

// Two fingers zoom the time axis about their middle (Plotly pans with one).
function pinchHandlers(state) {
  const distance = (touches) => Math.abs(touches[0].clientX - touches[1].clientX) || 1;
  const middle = (touches) => (touches[0].clientX + touches[1].clientX) / 2;
  const onStart = (event) => {
    if (event.touches.length !== 2) return;
    const axis = state.gd._fullLayout.xaxis;
    state.pinch = { span: distance(event.touches), range: axis.range.map(axis.r2l) };
    event.preventDefault();
    event.stopPropagation();
  };
  const onMove = (event) => {
    if (!state.pinch || event.touches.length !== 2) return;
    event.preventDefault();
    event.stopPropagation();
    const axis = state.gd._fullLayout.xaxis;
    const box = state.gd.querySelector(".nsewdrag") || state.gd;
    const left = box.getBoundingClientRect().left;
    const [low, high] = state.pinch.range;
    const share = Math.min(Math.max((middle(event.touches) - left) / axis._length, 0), 1);
    const centre = low + share * (high - low);
    const span = (high - low) * state.pinch.span / distance(event.touches);
    const range = [centre - share * span, centre + (1 - share) * span].map(axis.l2r);
    if (!state.frame) {
      state.frame = requestAnimationFrame(() => {
        state.frame = null;
        setRange(state, range);
      });
    }
  };
  const onEnd = (event) => {
    if (event.touches.length < 2) state.pinch = null;
  };
  return { onStart, onMove, onEnd };
}

function drawButtons(state, parts) {
  parts.toolbar.replaceChildren(...state.data.buttons.map((button) => {
    const node = element("button", "dte-range", button.label);
    node.type = "button";
    node.title = button.title || "";
    node.onclick = () => setRange(state, button.range);
    return node;
  }));
}

function drawLegend(state, parts) {
  const { types = [], shapes = [], note } = state.data.legend || {};
  const items = types.map((type) => {
    const node = element("button", "dte-legend-type");
    node.type = "button";
    node.setAttribute("aria-pressed", String(!state.hidden.has(type.code)));
    node.title = `Show or hide “${type.label}”`;
    const swatch = element("span", "dte-swatch");
    swatch.style.background = type.colour;
    node.append(swatch, document.createTextNode(type.label));
    node.onclick = () => {
      if (state.hidden.has(type.code)) state.hidden.delete(type.code);
      else state.hidden.add(type.code);
      const shown = !state.hidden.has(type.code);
      node.setAttribute("aria-pressed", String(shown));
      const indices = state.gd.data
        .map((trace, index) => (trace.legendgroup === type.code ? index : -1))
        .filter((index) => index >= 0);
      state.plotly.restyle(state.gd, { visible: shown }, indices);
    };
    return node;
  });
  const shapeItems = shapes.map((shape) => {
    const node = element("span", "dte-legend-shape");
    node.innerHTML = `<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${SYMBOL_PATHS[shape.symbol] || ""}</svg>`;
    node.append(document.createTextNode(shape.label));
    return node;
  });
  const groups = [];
  if (items.length) {
    const group = element("div", "dte-legend-group");
    group.append(element("span", "dte-legend-title", "Type"), ...items);
    groups.push(group);
  }
  if (shapeItems.length) {
    const group = element("div", "dte-legend-group");
    group.append(element("span", "dte-legend-title", "Date"), ...shapeItems);
    groups.push(group);
  }
  if (note) groups.push(element("div", "dte-legend-note", note));
  parts.legend.replaceChildren(...groups);
}

function drawCards(state, parts) {
  const cards = state.data.cards || [];
  parts.strip.hidden = cards.length === 0;
  const signature = cards.map((card) => card.id).join("\n");
  if (signature !== state.cardSignature) {
    state.cardSignature = signature;
    parts.track.replaceChildren(...cards.map((card) => {
      const node = element("button", "dte-card");
      node.type = "button";
      node.dataset.id = card.id;
      node.setAttribute("role", "listitem");
      node.style.borderTopColor = card.colour;
      node.append(element("span", "dte-card-when", card.when),
                  element("span", "dte-card-title", card.title),
                  element("span", "dte-card-meta", `${card.type} · ${card.countries}`));
      node.onclick = () => state.setTriggerValue("select", card.id);
      return node;
    }));
  }
  const index = cards.findIndex((card) => card.id === state.data.selected);
  for (const node of parts.track.children) {
    node.setAttribute("aria-current", String(node.dataset.id === state.data.selected));
  }
  const step = (by) => {
    const target = cards[index < 0 ? (by > 0 ? 0 : cards.length - 1) : index + by];
    if (target) state.setTriggerValue("select", target.id);
  };
  parts.previous.onclick = () => step(-1);
  parts.next.onclick = () => step(1);
  parts.previous.disabled = index === 0;
  parts.next.disabled = index === cards.length - 1;
  if (index >= 0) {
    const node = parts.track.children[index];
    const left = node.offsetLeft - (parts.track.clientWidth - node.offsetWidth) / 2;
    parts.track.scrollTo({ left: Math.max(left, 0), behavior: "smooth" });
  }
  return index >= 0 ? cards[index] : null;
}

// A newly selected event outside the visible range: move the window to it, same zoom.
function bringIntoView(state, card) {
  if (!card || card.id === state.shownSelection) return;
  state.shownSelection = card.id;
  const axis = state.gd._fullLayout.xaxis;
  const [low, high] = axis.range.map(axis.r2l);
  const at = axis.r2l(card.x);
  if (at >= low && at <= high) return;
  const half = (high - low) / 2;
  setRange(state, [at - half, at + half].map(axis.l2r));
}

export default async function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  const root = parentElement.querySelector(".dte-timeline");
  if (!root) return;
  let state = INSTANCES.get(parentElement);
  if (!state) {
    state = { parts: skeleton(root), hidden: new Set(), root };
    INSTANCES.set(parentElement, state);
  }
  Object.assign(state, { data, setStateValue, setTriggerValue });
  if (state.viewId !== data.view_id) {  // another filter: a new figure, nothing hidden
    state.viewId = data.view_id;
    state.hidden.clear();
    state.reportedWidth = null;
    state.widthReports = 0;
    state.pending = null;
    state.shownSelection = data.selected;
  }
  const Plotly = await whenPlotly(data.mode);
  if (state.gd && state.plotly !== Plotly) {  // the cartesian bundle came: draw with it anew
    state.plotly.purge(state.gd);
    state.gd = null;
  }
  state.plotly = Plotly;
  const figure = JSON.parse(data.figure);
  themed(figure.layout, root);
  figure.layout.uirevision = data.view_id;  // a rerun keeps the reader's zoom
  for (const trace of figure.data) {
    if (state.hidden.has(trace.legendgroup)) trace.visible = false;
  }
  fitCellGaps(figure.data, state.parts.plot.clientWidth);  // the plot's whole width, at most
  const config = { displaylogo: false, scrollZoom: true, responsive: true, showTips: false,
                   modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"] };
  const parts = state.parts;
  root.dataset.mode = data.mode;
  drawButtons(state, parts);
  await Plotly.react(parts.plot, figure.data, figure.layout, config);
  if (!state.gd) {  // Plotly's events, on the div it has just drawn
    state.gd = parts.plot;
    state.gd.on("plotly_relayout", (change) => {
      if (Object.keys(change).some((name) => name.startsWith("xaxis"))) reportSoon(state);
    });
    state.gd.on("plotly_click", (event) => {
      const point = (event.points || []).find((p) => typeof p.customdata === "string");
      if (point) state.setTriggerValue("select", point.customdata);
    });
  }
  if (!state.resize) {
    const pinch = pinchHandlers(state);
    const options = { passive: false, capture: true };
    state.gd.addEventListener("touchstart", pinch.onStart, options);
    state.gd.addEventListener("touchmove", pinch.onMove, options);
    state.gd.addEventListener("touchend", pinch.onEnd, options);
    state.resize = new ResizeObserver(() => {
      if (widthChanged(state)) reportSoon(state);
    });
    state.resize.observe(state.gd);
  }
  drawLegend(state, parts);
  bringIntoView(state, drawCards(state, parts));
  if (widthChanged(state)) reportSoon(state);
  settle(state);
  return () => {
    clearTimeout(state.timer);
    if (state.resize) state.resize.disconnect();
    if (state.gd) state.plotly.purge(state.gd);
    INSTANCES.delete(parentElement);
  };
}
