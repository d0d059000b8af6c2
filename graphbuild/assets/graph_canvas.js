/* graphbuild report: draws a view of the graph on a <canvas> (no libraries, no network).
 * Layout: Fruchterman–Reingold force layout from deterministic starting positions, so the same
 * graph is drawn the same way every time. Interaction: wheel to zoom, drag background to pan,
 * drag a node to move it, hover for details, click a node to highlight its neighbours;
 * report.html#NAME opens on projection NAME.
 * Self-check: after drawing, #selfcheck says "drawn N nodes M edges"; any script error is written
 * there too, so a headless browser's DOM dump shows whether the picture was made. */
(function () {
  "use strict";
  var check = document.getElementById("selfcheck");
  window.addEventListener("error", function (event) {
    check.textContent = "error: " + event.message;
    check.dataset.state = "error";
  });

  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var canvas = document.getElementById("graph-canvas");
  var ctx = canvas.getContext("2d");
  var tooltip = document.getElementById("graph-tooltip");
  var picker = document.getElementById("view-picker");
  var FONT = '"Noto Sans CJK SC","WenQuanYi Micro Hei","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif';

  /* Screen = layout * (sx, sy) + (dx, dy); sx may exceed sy a little so wide canvases are used. */
  var state = { view: null, nodes: [], edges: [], sx: 1, sy: 1, dx: 0, dy: 0, hover: -1, selected: -1 };

  function colorOf(type) {
    return DATA.colors[type] || DATA.otherColor;
  }

  /* Nodes start on a golden-angle spiral (by index), so the layout needs no random numbers. */
  function startPositions(nodes) {
    var golden = Math.PI * (3 - Math.sqrt(5));
    nodes.forEach(function (node, i) {
      var r = 10 * Math.sqrt(i + 0.5);
      node.x = r * Math.cos(i * golden);
      node.y = r * Math.sin(i * golden);
    });
  }

  function forceLayout(nodes, edges) {
    var n = nodes.length;
    if (n === 0) return;
    startPositions(nodes);
    var k = 40, temperature = 60, cutoff2 = (6 * k) * (6 * k);
    var iterations = n > 400 ? 120 : 300;
    for (var it = 0; it < iterations; it++) {
      var fx = new Float64Array(n), fy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
          var d2 = Math.max(ddx * ddx + ddy * ddy, 0.01);
          if (d2 > cutoff2) continue; /* far nodes no longer push: loose nodes stay near the rest */
          var push = (k * k) / d2;
          fx[i] += ddx * push; fy[i] += ddy * push;
          fx[j] -= ddx * push; fy[j] -= ddy * push;
        }
      }
      edges.forEach(function (e) {
        var a = nodes[e.s], b = nodes[e.t];
        var ddx = a.x - b.x, ddy = a.y - b.y;
        var d = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 0.01);
        var pull = d / k;
        fx[e.s] -= ddx * pull; fy[e.s] -= ddy * pull;
        fx[e.t] += ddx * pull; fy[e.t] += ddy * pull;
      });
      for (i = 0; i < n; i++) {
        fx[i] -= nodes[i].x * 0.05; fy[i] -= nodes[i].y * 0.05; /* gravity keeps components together */
        var len = Math.max(Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]), 0.01);
        var step = Math.min(len, temperature);
        nodes[i].x += (fx[i] / len) * step;
        nodes[i].y += (fy[i] / len) * step;
      }
      temperature = Math.max(temperature * 0.985, 1);
    }
  }

  function fitToCanvas() {
    var nodes = state.nodes;
    if (!nodes.length) return;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (p) {
      minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
    });
    var w = canvas.clientWidth, h = canvas.clientHeight, pad = 60;
    var fitX = (w - 2 * pad - 120) / Math.max(maxX - minX, 1), fitY = (h - 2 * pad) / Math.max(maxY - minY, 1);
    state.sy = Math.min(fitX, fitY, 3);
    state.sx = Math.min(fitX, state.sy * 1.6);
    state.dx = w / 2 - state.sx * (minX + maxX) / 2;
    state.dy = h / 2 - state.sy * (minY + maxY) / 2;
  }

  function toScreen(p) {
    return [p.x * state.sx + state.dx, p.y * state.sy + state.dy];
  }

  function radiusOf(node) {
    return 4 + 2.2 * Math.sqrt(node.degree);
  }

  function neighbours(index) {
    var set = {};
    if (index < 0) return set;
    set[index] = true;
    state.edges.forEach(function (e) {
      if (e.s === index) set[e.t] = true;
      if (e.t === index) set[e.s] = true;
    });
    return set;
  }

  function resizeCanvas() {
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(canvas.clientHeight * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  function drawEdges(focus, hasFocus) {
    state.edges.forEach(function (e) {
      var a = toScreen(state.nodes[e.s]), b = toScreen(state.nodes[e.t]);
      var lit = hasFocus && focus[e.s] && focus[e.t];
      ctx.strokeStyle = lit ? "rgba(40,40,40,0.85)" : hasFocus ? "rgba(150,150,150,0.12)" : "rgba(120,120,120,0.45)";
      ctx.lineWidth = Math.min(1 + Math.log(1 + e.w), 6);
      ctx.beginPath();
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      ctx.stroke();
      if (state.view.directed) arrowHead(a, b, radiusOf(state.nodes[e.t]));
    });
  }

  /* A small arrow where the edge meets its target's circle. */
  function arrowHead(a, b, targetRadius) {
    var angle = Math.atan2(b[1] - a[1], b[0] - a[0]), size = 7;
    var tipX = b[0] - Math.cos(angle) * (targetRadius + 1), tipY = b[1] - Math.sin(angle) * (targetRadius + 1);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.beginPath();
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(tipX - size * Math.cos(angle - 0.4), tipY - size * Math.sin(angle - 0.4));
    ctx.lineTo(tipX - size * Math.cos(angle + 0.4), tipY - size * Math.sin(angle + 0.4));
    ctx.closePath();
    ctx.fill();
  }

  function drawNodes(focus, hasFocus) {
    state.nodes.forEach(function (node, i) {
      var p = toScreen(node), r = radiusOf(node);
      ctx.globalAlpha = hasFocus && !focus[i] ? 0.2 : 1;
      ctx.fillStyle = colorOf(node.type);
      ctx.beginPath();
      ctx.arc(p[0], p[1], r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = i === state.hover ? "#000" : "#fff";
      ctx.lineWidth = 1.5;
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
  }

  /* Labels of the best-connected nodes first (focused ones before all); a label that would
   * overlap one already drawn is skipped, so the names that are shown stay readable. */
  function drawLabels(focus, hasFocus) {
    var order = state.nodes.map(function (_, i) { return i; });
    order.sort(function (a, b) {
      return (focus[b] ? 1 : 0) - (focus[a] ? 1 : 0) || state.nodes[b].degree - state.nodes[a].degree || a - b;
    });
    var placed = [];
    ctx.fillStyle = "#222";
    order.forEach(function (i) {
      if (hasFocus && !focus[i]) return;
      var node = state.nodes[i], p = toScreen(node), r = radiusOf(node);
      var box = { x: p[0] + r + 3, y: p[1] - 8, w: ctx.measureText(node.label).width, h: 14 };
      var clash = placed.some(function (o) {
        return box.x < o.x + o.w && o.x < box.x + box.w && box.y < o.y + o.h && o.y < box.y + box.h;
      });
      if (clash) return;
      placed.push(box);
      ctx.fillText(node.label, box.x, p[1] + 4);
    });
  }

  /* Predicates on the edges of the focused node. */
  function drawEdgeLabels(focusIndex) {
    ctx.fillStyle = "#555";
    state.edges.forEach(function (e) {
      if (e.s !== focusIndex && e.t !== focusIndex) return;
      var a = toScreen(state.nodes[e.s]), b = toScreen(state.nodes[e.t]);
      ctx.fillText(e.label, (a[0] + b[0]) / 2 + 3, (a[1] + b[1]) / 2 - 3);
    });
  }

  function draw() {
    ctx.clearRect(0, 0, canvas.clientWidth, canvas.clientHeight);
    ctx.font = "12px " + FONT;
    var focusIndex = state.selected >= 0 ? state.selected : state.hover;
    var focus = neighbours(focusIndex);
    drawEdges(focus, focusIndex >= 0);
    drawNodes(focus, focusIndex >= 0);
    drawLabels(focus, focusIndex >= 0);
    if (focusIndex >= 0) {
      ctx.font = "11px " + FONT;
      drawEdgeLabels(focusIndex);
    }
  }

  function showView(name) {
    var view = DATA.views[name];
    state.view = view;
    state.nodes = view.nodes.map(function (n) {
      return { id: n[0], label: n[1], type: n[2], subtype: n[3], degree: 0 };
    });
    state.edges = view.edges.map(function (e) {
      return { s: e[0], t: e[1], label: e[2], w: e[3] };
    });
    state.edges.forEach(function (e) { state.nodes[e.s].degree++; state.nodes[e.t].degree++; });
    state.hover = state.selected = -1;
    forceLayout(state.nodes, state.edges);
    resizeCanvas();
    fitToCanvas();
    draw();
    document.getElementById("view-note").textContent = view.note;
    selfCheck();
  }

  /* For headless tests: what was drawn, how many canvas pixels are painted, and where the canvas is. */
  function selfCheck() {
    var pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data, painted = 0;
    for (var i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
    var rect = canvas.getBoundingClientRect();
    check.dataset.painted = String(painted);
    check.dataset.rect = [rect.left + window.scrollX, rect.top + window.scrollY, rect.width, rect.height]
      .map(Math.round).join(",");
    check.textContent = "drawn " + state.nodes.length + " nodes " + state.edges.length + " edges";
    if (check.dataset.state !== "error") check.dataset.state = "drawn";
  }

  function nodeAt(x, y) {
    for (var i = state.nodes.length - 1; i >= 0; i--) {
      var p = toScreen(state.nodes[i]), r = radiusOf(state.nodes[i]) + 2;
      if ((p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y) <= r * r) return i;
    }
    return -1;
  }

  function describe(index) {
    var node = state.nodes[index];
    var links = {};
    state.edges.forEach(function (e) {
      if (e.s === index || e.t === index) links[e.label] = (links[e.label] || 0) + 1;
    });
    var parts = Object.keys(links).sort().map(function (k) { return k + " ×" + links[k]; });
    return node.label + "\n" + node.type + (node.subtype ? " · " + node.subtype : "") +
      "\n" + (parts.length ? parts.join(", ") : "no links");
  }

  function pointer(event) {
    var rect = canvas.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  var drag = null;
  canvas.addEventListener("mousedown", function (event) {
    var p = pointer(event), hit = nodeAt(p[0], p[1]);
    drag = { node: hit, x: p[0], y: p[1], moved: false };
  });
  window.addEventListener("mouseup", function () {
    if (drag && !drag.moved) {
      state.selected = drag.node === state.selected ? -1 : drag.node;
      draw();
    }
    drag = null;
  });
  canvas.addEventListener("mousemove", function (event) {
    var p = pointer(event);
    if (drag) {
      var ddx = p[0] - drag.x, ddy = p[1] - drag.y;
      if (Math.abs(ddx) + Math.abs(ddy) > 2) drag.moved = true;
      if (drag.node >= 0) {
        state.nodes[drag.node].x += ddx / state.sx;
        state.nodes[drag.node].y += ddy / state.sy;
      } else {
        state.dx += ddx; state.dy += ddy;
      }
      drag.x = p[0]; drag.y = p[1];
      draw();
      return;
    }
    var hit = nodeAt(p[0], p[1]);
    if (hit !== state.hover) { state.hover = hit; draw(); }
    tooltip.hidden = hit < 0;
    if (hit >= 0) {
      tooltip.textContent = describe(hit);
      tooltip.style.left = p[0] + 14 + "px";
      tooltip.style.top = p[1] + 14 + "px";
    }
  });
  canvas.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = pointer(event), factor = event.deltaY < 0 ? 1.15 : 1 / 1.15;
    state.dx = p[0] - (p[0] - state.dx) * factor;
    state.dy = p[1] - (p[1] - state.dy) * factor;
    state.sx *= factor;
    state.sy *= factor;
    draw();
  }, { passive: false });
  picker.addEventListener("change", function () { showView(picker.value); });
  window.addEventListener("resize", function () { resizeCanvas(); fitToCanvas(); draw(); });

  /* report.html#co_attendance opens on that projection. */
  var wanted = decodeURIComponent(location.hash.slice(1));
  if (DATA.views[wanted]) picker.value = wanted;
  showView(picker.value);
})();
