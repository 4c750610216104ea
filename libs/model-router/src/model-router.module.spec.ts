import { Test } from '@nestjs/testing';
import { Registry } from 'prom-client';
import { ModelRouter } from './router/model-router';
import { ModelRouterModule } from './model-router.module';

describe('ModelRouterModule', () => {
  it('provides a ModelRouter built from async options', async () => {
    const registry = new Registry();
    const ref = await Test.createTestingModule({
      imports: [
        ModelRouterModule.forRootAsync({
          useFactory: () => ({ registry, settings: { defaults: { confidenceThreshold: 0.5 } } }),
        }),
      ],
    }).compile();
    const router = ref.get(ModelRouter);
    expect(router.settings.defaults.confidenceThreshold).toBe(0.5);
    expect(registry.getSingleMetric('llm_tokens_total')).toBeDefined();
    await ref.close();
  });
});
