// Reference page: loads ECharts (?lib=full|lite) and draws what esep draws.
// ?mode=first  the report's first chart from the same feed (crime: published changes)
// ?mode=draw&n=100000  a generated line (LTTB sampling, as esep)
// ?mode=hover&n=10000  a generated line with an axis tooltip
(function () {
  const q = new URLSearchParams(location.search);
  const mode = q.get('mode') || 'first';
  const n = Number(q.get('n') || 10000);
  const lib = q.get('lib') === 'lite' ? 'echarts-lite.js' : 'echarts.min.js';
  const s = document.createElement('script');
  s.src = lib;
  s.onload = run;
  document.head.appendChild(s);

  function series(n) {
    const v = new Array(n);
    for (let i = 0; i < n; i++) v[i] = 1000 + Math.sin(i / 97) * 300 + Math.cos(i / 13) * 80 + ((i * 7919) % 101);
    return v;
  }

  function run() {
    const chart = window.echarts.init(document.getElementById('chart'));
    if (mode === 'first') {
      fetch('/feeds/aktobe-2025.json').then((r) => r.json()).then((feed) => {
        const metric = Object.fromEntries(feed.metrics.map((m) => [m.id, m]));
        const area = Object.fromEntries(feed.areas.map((a) => [a.id, a]));
        const rows = feed.observations.filter((o) => o.measure === 'change-pct' && metric[o.metric] && metric[o.metric].group === 'crime' && !area[o.area].context);
        chart.on('finished', () => performance.mark('ref:chart-drawn'));
        chart.setOption({
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 220 },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: rows.map((o) => `${metric[o.metric].label.en} · ${area[o.area].name.en} · ${o.period} vs ${o.vs}`) },
          series: [{ type: 'bar', data: rows.map((o) => o.value), label: { show: true, position: 'right', formatter: '{c} %' } }],
        });
      });
      return;
    }
    const values = series(n);
    const option = {
      animation: false,
      tooltip: { trigger: 'axis', transitionDuration: 0 },
      xAxis: { type: 'category', data: values.map((_, i) => String(i)) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', data: values, showSymbol: false, sampling: 'lttb' }],
    };
    const t0 = performance.now();
    chart.on('finished', () => {
      if (!window.esepBench) window.esepBench = { ms: performance.now() - t0, ready: true };
    });
    chart.setOption(option);
  }
})();
