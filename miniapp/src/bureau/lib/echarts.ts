/**
 * ECharts as the console uses it: the custom build of only what the dashboard draws (bars and lines on
 * a grid, their legend and tooltip, the canvas renderer), so the bureau subpackage carries about a
 * third of the full library. Only the bureau's pages import this: it stays in the `bureau/` subpackage.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
