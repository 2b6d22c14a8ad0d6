import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { WatchedSample } from '../../shared/device-sample';

/** One point of the chart: seconds since the first sample, temperatures in °C. */
export function vitalsPoints(samples: readonly WatchedSample[]) {
  const start = samples[0]?.at ?? 0;
  return samples.map(({ at, sample }) => {
    const sensors = sample.thermal?.sensors.map((sensor) => sensor.celsius) ?? [];
    return {
      seconds: Math.round((at - start) / 100) / 10,
      battery: sample.battery?.temperatureC ?? null,
      hottest: sensors.length > 0 ? Math.max(...sensors) : null,
      level: sample.battery?.levelPercent ?? null,
    };
  });
}

/**
 * A phone's temperatures over time: the battery and its hottest thermal sensor (°C), and the
 * battery level (%) on the right axis. Pure: props in, SVG out.
 */
export function VitalsChart({
  samples,
  width = 520,
}: {
  samples: readonly WatchedSample[];
  width?: number;
}) {
  return (
    <LineChart
      width={width}
      height={200}
      data={vitalsPoints(samples)}
      margin={{ top: 8, right: 8, left: 0, bottom: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="seconds" unit=" s" type="number" domain={['dataMin', 'dataMax']} />
      <YAxis yAxisId="celsius" unit=" °C" domain={['auto', 'auto']} width={56} />
      <YAxis yAxisId="level" orientation="right" unit="%" domain={[0, 100]} width={44} />
      <Tooltip />
      <Legend />
      <Line
        yAxisId="celsius"
        dataKey="hottest"
        name="hottest sensor (°C)"
        stroke="#d9482b"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        yAxisId="celsius"
        dataKey="battery"
        name="battery (°C)"
        stroke="#e0a030"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        yAxisId="level"
        dataKey="level"
        name="battery level (%)"
        stroke="#2f6fde"
        strokeDasharray="4 3"
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  );
}
