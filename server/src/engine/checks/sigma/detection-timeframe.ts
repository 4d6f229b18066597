import type { Check } from '../check';

export const detectionTimeframe: Check = {
  id: 'sigma/detection-timeframe',
  defaultSeverity: 'warning',
  doc: "`timeframe` inside `detection` is Sigma v1: it went with the aggregation pipes (`| count() > 5`) that v2 replaced with correlation rules. Sigma v2 converters ignore it (or read it as a search identifier), so the rule fires on single events. Move the time window to a correlation rule's `timespan`, with the aggregation in its `condition`.",
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const tf = rule.detection?.timeframe;
      if (!tf) continue;
      ctx.report({
        range: tf.range,
        message: `\`timeframe: ${tf.value}\` is Sigma v1 and has no effect in a v2 detection: put the window in a correlation rule (\`timespan: ${tf.value}\`) that refers to this rule.`,
      });
    }
  },
};
