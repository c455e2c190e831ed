/* chargewatch: the dashboard's station map.

   Leaflet on a blank plane (no tiles): the states outline and the stations are
   drawn in the Albers USA projection with Alaska, Hawaii and Puerto Rico as
   insets, the same numbers as chargewatch/serve/projection.py (which draws the
   report), on its 960 by 500 plane. The page is sent first; this script then
   fetches the outline (/assets/us_states.json) and the stations (the compact
   /api/stations form named in #map's data-url) and clusters them with
   supercluster, whose Web-Mercator input is fed the plane's coordinates
   through the inverse Mercator so that its zoom levels are Leaflet's.
   window.chargewatchMap exposes the map, its projection, its state and when (ms from
   navigation) the data came, was indexed and was drawn (readyAt), for tests and benchmarks. */
(function () {
  "use strict";

  var WIDTH = 960, HEIGHT = 500, SCALE = 1070, X = 480, Y = 250, RAD = Math.PI / 180;
  var COLOURS = {
    operational: "#1a9850", temporarily_unavailable: "#d73027", planned: "#8c8c8c",
    unknown: "#f0a30a", removed: "#4d4d4d"
  };

  /* An Albers equal-area conic, as projection.Conic. */
  function conic(rotate, center, parallels, scale, at) {
    var sin0 = Math.sin(parallels[0] * RAD);
    var n = (sin0 + Math.sin(parallels[1] * RAD)) / 2;
    var c = 1 + sin0 * (2 * n - sin0), r0 = Math.sqrt(c) / n;
    function raw(lon, lat) {
      var r = Math.sqrt(Math.max(c - 2 * n * Math.sin(lat * RAD), 0)) / n, theta = lon * RAD * n;
      return [r * Math.sin(theta), r0 - r * Math.cos(theta)];
    }
    var middle = raw(center[0], center[1]);
    return function (lon, lat) {
      var rotated = (((lon + rotate + 180) % 360) + 360) % 360 - 180;
      var p = raw(rotated, lat);
      return [at[0] + scale * (p[0] - middle[0]), at[1] - scale * (p[1] - middle[1])];
    };
  }

  var CONICS = {
    lower48: conic(96, [-0.6, 38.7], [29.5, 45.5], SCALE, [X, Y]),
    alaska: conic(154, [-2, 58.5], [55, 65], SCALE * 0.35, [X - 0.307 * SCALE, Y + 0.201 * SCALE]),
    hawaii: conic(157, [-3, 19.9], [8, 18], SCALE, [X - 0.205 * SCALE, Y + 0.212 * SCALE]),
    puerto_rico: conic(66, [0, 18], [8, 18], SCALE, [X + 0.330 * SCALE, Y + 0.215 * SCALE])
  };
  var INSETS = [
    [X - 0.425 * SCALE, Y + 0.120 * SCALE, X - 0.214 * SCALE, Y + 0.234 * SCALE],
    [X - 0.214 * SCALE, Y + 0.166 * SCALE, X - 0.115 * SCALE, Y + 0.234 * SCALE],
    [X + 0.300 * SCALE, Y + 0.195 * SCALE, X + 0.360 * SCALE, Y + 0.234 * SCALE]
  ];

  function region(lon, lat) {
    if (lat > 50 && (lon < -129 || lon > 170)) return "alaska";
    if (lat > 15 && lat < 23.5 && lon > -179 && lon < -150) return "hawaii";
    if (lat > 17 && lat < 19 && lon > -68.5 && lon < -64) return "puerto_rico";
    return "lower48";
  }

  function project(lon, lat) {
    return CONICS[region(lon, lat)](lon, lat);
  }

  /* Plane (x, y down) to Leaflet LatLng in the CRS below: lat is y, lng is x. */
  function latLng(xy) { return L.latLng(xy[1], xy[0]); }

  /* Plane to and from supercluster's longitude/latitude (its Mercator gives back x/960, y/960). */
  function fakeLng(x) { return (x / WIDTH - 0.5) * 360; }
  function fakeLat(y) {
    return 360 / Math.PI * Math.atan(Math.exp((180 - (y / WIDTH) * 360) * RAD)) - 90;
  }
  function planeY(lat) {
    var sin = Math.sin(lat * RAD);
    return (0.5 - 0.25 * Math.log((1 + sin) / (1 - sin)) / Math.PI) * WIDTH;
  }

  var state = { ready: false, error: null, project: project, shown: 0, timings: {} };
  window.chargewatchMap = state;

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value == null ? "" : String(value);
    return span.innerHTML;
  }

  function stationTip(data, i) {
    var col = data.columns, status = data.statuses[col.status[i]];
    var network = col.network[i] == null ? "network unknown" : data.networks[col.network[i]];
    var ports = [];
    if (col.level1_ports[i]) ports.push(col.level1_ports[i] + " level 1");
    if (col.level2_ports[i]) ports.push(col.level2_ports[i] + " level 2");
    if (col.dc_fast_ports[i]) ports.push(col.dc_fast_ports[i] + " DC fast");
    return '<div class="station-tip"><b>' + text(col.name[i] || col.id[i]) + "</b>" +
      text(network) + '<br><span class="status" style="color:' + (COLOURS[status] || "#555") +
      '">' + text(status.replace("_", " ")) + "</span> · " +
      text(ports.length ? ports.join(", ") + " ports" : "ports unknown") +
      '<br><span class="muted">AFDC ID ' + text(col.id[i]) + "</span></div>";
  }

  function clusterIcon(count, down) {
    var size = Math.round(26 + 8 * Math.log10(count));
    var label = count >= 10000 ? Math.round(count / 1000) + "k" :
      count >= 1000 ? (count / 1000).toFixed(1) + "k" : String(count);
    return L.divIcon({
      html: label, iconSize: [size, size],
      className: "cluster" + (down / count > 0.1 ? " bad" : "")
    });
  }

  function draw(map, layer, index, data) {
    var b = map.getBounds(), pad = 40;
    var x0 = b.getWest() - pad, x1 = b.getEast() + pad;
    var y0 = Math.min(b.getNorth(), b.getSouth()) - pad, y1 = Math.max(b.getNorth(), b.getSouth()) + pad;
    var zoom = Math.max(0, Math.min(14, Math.round(map.getZoom())));
    var found = index.getClusters([fakeLng(x0), fakeLat(y1), fakeLng(x1), fakeLat(y0)], zoom);
    layer.clearLayers();
    found.forEach(function (f) {
      var at = L.latLng(planeY(f.geometry.coordinates[1]), (f.geometry.coordinates[0] / 360 + 0.5) * WIDTH);
      var p = f.properties;
      if (p.cluster) {
        var marker = L.marker(at, { icon: clusterIcon(p.point_count, p.down), keyboard: false });
        marker.on("click", function () {
          var to = Math.max(index.getClusterExpansionZoom(p.cluster_id), Math.floor(map.getZoom()) + 1);
          map.flyTo(at, Math.min(to, 14), { duration: 0.4 });
        });
        marker.bindTooltip(p.point_count.toLocaleString() + " stations, " + p.down + " down");
        layer.addLayer(marker);
      } else {
        var status = data.statuses[data.columns.status[p.i]];
        var dot = L.circleMarker(at, {
          radius: 6, color: "#fff", weight: 1.5, fillColor: COLOURS[status] || COLOURS.unknown,
          fillOpacity: 0.95, className: "station-dot"
        });
        var tip = stationTip(data, p.i);
        dot.bindTooltip(tip, { direction: "top", offset: [0, -6] });
        dot.on("click", function (event) {
          // a popup of the map, not of the dot: redrawing after the popup pans the map
          // replaces the dots, and must not close it
          event.target.closeTooltip();
          L.popup({ offset: [0, -4] }).setLatLng(event.target.getLatLng())
            .setContent(event.target.getTooltip().getContent()).openOn(map);
        });
        layer.addLayer(dot);
      }
    });
    state.shown = found.reduce(function (sum, f) {
      return sum + (f.properties.cluster ? f.properties.point_count : 1);
    }, 0);
    state.clusters = found.filter(function (f) { return f.properties.cluster; }).length;
    state.dots = found.length - state.clusters;
  }

  function outline(map, states) {
    var polygons = [];
    Object.keys(states).forEach(function (code) {
      var parts = states[code].map(function (ring) {
        return [ring.map(function (p) { return latLng(project(p[0], p[1])); })];
      });
      polygons.push(L.polygon(parts, {
        color: "#9fb0c2", weight: 0.8, fillColor: "#ffffff", fillOpacity: 1, interactive: false
      }));
    });
    INSETS.forEach(function (box) {
      polygons.push(L.rectangle([[box[1], box[0]], [box[3], box[2]]], {
        color: "#b8c6d4", weight: 1, dashArray: "4 3", fill: false, interactive: false
      }));
    });
    L.layerGroup(polygons).addTo(map);
  }

  function stationsIndex(data) {
    var col = data.columns, down = data.statuses.indexOf("temporarily_unavailable"), points = [];
    for (var i = 0; i < col.id.length; i++) {
      var xy = project(col.longitude[i], col.latitude[i]);
      points.push({
        type: "Feature", properties: { i: i, down: col.status[i] === down ? 1 : 0 },
        geometry: { type: "Point", coordinates: [fakeLng(xy[0]), fakeLat(xy[1])] }
      });
    }
    var index = new Supercluster({
      radius: 46, extent: 256, maxZoom: 13, minPoints: 3,
      map: function (props) { return { down: props.down }; },
      reduce: function (into, props) { into.down += props.down; }
    });
    index.load(points);
    return { index: index, points: points };
  }

  /* The first view: the whole map, or the stations' extent when a state is chosen. */
  function home(element, points) {
    if (element.dataset.fit !== "data" || !points.length) {
      return { bounds: L.latLngBounds([[0, 0], [HEIGHT, WIDTH]]), padding: [8, 8] };
    }
    return {
      bounds: L.latLngBounds(points.map(function (p) {
        return [planeY(p.geometry.coordinates[1]), (p.geometry.coordinates[0] / 360 + 0.5) * WIDTH];
      })),
      padding: [30, 30]
    };
  }

  /* A button under the zoom buttons that goes back to the first view. */
  function homeButton(map, view) {
    var Home = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var bar = L.DomUtil.create("div", "leaflet-bar");
        var link = L.DomUtil.create("a", "map-home", bar);
        link.href = "#";
        link.title = "Back to the first view";
        link.setAttribute("role", "button");
        link.setAttribute("aria-label", link.title);
        link.innerHTML = "&#8962;";
        L.DomEvent.on(link, "click", function (event) {
          L.DomEvent.preventDefault(event);
          map.fitBounds(view.bounds, { padding: view.padding, maxZoom: 9 });
        });
        L.DomEvent.disableClickPropagation(bar);
        return bar;
      }
    });
    new Home().addTo(map);
  }

  function start() {
    var element = document.getElementById("map");
    if (!element || !window.L || !window.Supercluster) return;
    var crs = L.extend({}, L.CRS.Simple, {
      transformation: new L.Transformation(256 / WIDTH, 0, 256 / WIDTH, 0)
    });
    var map = L.map(element, {
      crs: crs, zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 0, maxZoom: 14,
      maxBounds: L.latLngBounds([[-150, -250], [HEIGHT + 150, WIDTH + 250]]),
      maxBoundsViscosity: 0.8, worldCopyJump: false
    });
    map.attributionControl.addAttribution("US Census Bureau · AFDC");
    map.fitBounds(L.latLngBounds([[0, 0], [HEIGHT, WIDTH]]), { padding: [8, 8], animate: false });
    state.map = map;
    var layer = L.layerGroup().addTo(map);
    var status = element.querySelector(".map-status");
    var outlineReady = fetch("/assets/us_states.json").then(function (r) { return r.json(); })
      .then(function (states) { outline(map, states); });
    var stationsReady = fetch(element.dataset.url).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.detail || "the stations could not be read (HTTP " + r.status + ")");
        state.timings.data = performance.now();
        return body;
      });
    });
    Promise.all([outlineReady, stationsReady]).then(function (results) {
      var data = results[1], built = stationsIndex(data), view = home(element, built.points);
      state.timings.indexed = performance.now();
      state.data = data;
      document.getElementById("map-count").textContent = data.total.toLocaleString("en-US");
      map.fitBounds(view.bounds, { padding: view.padding, maxZoom: 9, animate: false });
      homeButton(map, view);
      var redraw = function () { draw(map, layer, built.index, data); };
      map.on("moveend", redraw);
      map.on("resize", function () { map.fire("moveend"); });  // redraw now, not 200 ms later
      redraw();
      if (status) status.remove();
      state.ready = true;
      state.readyAt = performance.now();
    }).catch(function (error) {
      state.error = String(error.message || error);
      if (status) status.textContent = state.error;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
