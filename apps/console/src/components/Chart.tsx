import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface Series {
  name: string;
  kind: 'bar' | 'line';
  /** null: no value that day (a gap in the line). */
  data: (number | null)[];
}

/** One ECharts chart of per-day series (drawn on a canvas; no inline scripts, CSP-safe). */
export function Chart({
  days,
  series,
  testId,
  unit = '',
}: {
  days: string[];
  series: Series[];
  testId: string;
  unit?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const option: EChartsCoreOption = {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: `{value}${unit}` } },
      series: series.map((s) => ({ name: s.name, type: s.kind, data: s.data })),
    };
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [days, series, unit]);
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height: 260 }} />;
}
