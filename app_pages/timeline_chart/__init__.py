"""The timeline as a two-way component: a Plotly chart that tells the app what it shows.

``st.plotly_chart`` reports clicks but not zooms, so the dashboard could not re-lay out its
labels, or switch from counts to single events, when a reader zooms. This component draws the
figure with plotly.js's partial bundles kept beside it in ``plotly/`` (the same plotly.js
version as the ``plotly`` package's; no CDN: the dashboard works offline) and reports back:

- ``view``: the visible date range and the plot's width in pixels, after every zoom, pan,
  wheel turn, pinch or range button (a state: it stays until the next one);
- ``select``: the id of the event clicked on the chart or in the strip of cards (a trigger:
  it is there for one run).

Around the plot it draws range buttons, a legend of types (click to hide one) and of marker
shapes, and a strip of event cards in date order, linked to the selection.

plotly.js is sent once per browser session by a separate, unchanging element: an element that
does not change is sent again only as a reference to the copy the browser holds. Evaluating
plotly.js is most of a first page load: the basic bundle (1.2 MB: scatter and bar traces) draws
single events; the density view loads the cartesian one (1.5 MB, with heatmaps) when it is
first drawn, and from then on the chart draws with it. The full build is 4.8 MB.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

_HERE = Path(__file__).parent
# From the npm packages plotly.js-basic-dist-min and plotly.js-cartesian-dist-min, at the
# version of the plotly.js that the pinned plotly package bundles (tests/test_app.py checks
# they agree). The basic bundle (scatter and bar traces) draws single events and runs in
# less than half the cartesian one's time (0.25 s against 0.57 s in a blank page, loaded);
# the density view's heatmap needs the cartesian one, sent only when it is drawn.
PLOTLY_BUNDLES = {"basic": _HERE / "plotly" / "plotly-basic.min.js",
                  "cartesian": _HERE / "plotly" / "plotly-cartesian.min.js"}


def _runtime(bundle: str) -> Any:
    """A component that runs one plotly.js bundle; it leaves its Plotly in
    ``window.dtePlotly[bundle]`` (the bundles overwrite each other's ``window.Plotly``) and
    says so at once, for chart.js; the module only has to export a function."""
    return st.components.v2.component(
        f"timeline_plotly_{bundle}",
        js=PLOTLY_BUNDLES[bundle].read_text(encoding="utf-8")
        + f"\nwindow.dtePlotly = {{...window.dtePlotly, {bundle}: window.Plotly}};"
        + "\nwindow.dispatchEvent(new Event('dte-plotly-ready'));"
        + "\nexport default function () {}\n")


_runtimes = {bundle: _runtime(bundle) for bundle in PLOTLY_BUNDLES}
_timeline = st.components.v2.component(
    "timeline_chart",
    html='<div class="dte-timeline"></div>',
    css=(_HERE / "chart.css").read_text(encoding="utf-8"),
    js=(_HERE / "chart.js").read_text(encoding="utf-8"),
    # Plotly styles its hover labels and mode bar from the page's head: no shadow root.
    isolate_styles=False,
)


def timeline_chart(figure_json: str, *, key: str, view_id: str, mode: str,
                   buttons: Sequence[Mapping[str, Any]], legend: Mapping[str, Any],
                   cards: Sequence[Mapping[str, Any]], selected: str | None,
                   assumed_width: int, answered: str | None,
                   on_select: Callable[[], None]) -> Any:
    """Draw the figure (its JSON); return the component's result (``.view``, ``.select``).

    ``view_id`` names what the figure shows (the filter): a view reported for another one is
    stale. ``buttons`` are ``{"label", "range"}`` pairs; ``legend`` has ``types`` (``code``,
    ``label``, ``colour``) and ``shapes`` (``symbol``, ``label``); ``cards`` are events in date
    order (``id``, ``when``, ``title``, ``countries``, ``type``, ``colour``); ``selected`` is the
    event shown in the details. ``assumed_width`` is the plot width the labels were laid out
    for: the chart reports its real width when it differs much. ``answered`` is the token of
    the reported view this figure was drawn for (the chart is settled once it gets it).
    """
    return _timeline(
        key=key,
        data={"figure": figure_json, "view_id": view_id, "mode": mode, "buttons": list(buttons),
              "legend": dict(legend), "cards": list(cards), "selected": selected,
              "assumed_width": assumed_width, "answered": answered},
        on_view_change=lambda: None, on_select_change=on_select)


def load_plotly(bundle: str = "basic") -> None:
    """Send a plotly.js bundle (``basic``, or ``cartesian`` for the density view's heatmap)
    to the browser: first on the page, so it loads while the script runs (evaluating it is
    the longest step of a first page load)."""
    _runtimes[bundle](key=f"timeline_plotly_{bundle}", height=0)


def reported_view(key: str) -> Mapping[str, Any] | None:
    """The last view the chart under ``key`` reported (``range``, ``width``, ``view_id``)."""
    state = st.session_state.get(key)
    view = state.get("view") if isinstance(state, Mapping) else None
    return view if isinstance(view, Mapping) else None


def selected_id(key: str) -> str | None:
    """The event just clicked in the chart under ``key`` (inside its ``on_select``)."""
    state = st.session_state.get(key)
    value = state.get("select") if isinstance(state, Mapping) else None
    return value if isinstance(value, str) and value else None
