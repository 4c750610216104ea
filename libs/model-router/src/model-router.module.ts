import {
  Global,
  Module,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModelRouter, type ModelRouterOptions } from './router/model-router';

/** Closes the router's Redis connection when the app shuts down. */
class ModelRouterLifecycle implements OnModuleDestroy {
  constructor(private readonly router: ModelRouter) {}
  async onModuleDestroy(): Promise<void> {
    await this.router.close();
  }
}

/**
 * Provides `ModelRouter` (the class is the DI token). `forRootAsync` lets the API build the
 * options from its config and pass its existing prom-client metric objects.
 */
@Global()
@Module({})
export class ModelRouterModule {
  static forRoot(options: ModelRouterOptions = {}): DynamicModule {
    return ModelRouterModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(opts: {
    imports?: ModuleMetadata['imports'];
    inject?: FactoryProvider['inject'];
    useFactory: (...args: never[]) => ModelRouterOptions | Promise<ModelRouterOptions>;
  }): DynamicModule {
    return {
      module: ModelRouterModule,
      imports: opts.imports ?? [],
      providers: [
        {
          provide: ModelRouter,
          inject: opts.inject ?? [],
          useFactory: async (...args: never[]) => new ModelRouter(await opts.useFactory(...args)),
        },
        {
          provide: ModelRouterLifecycle,
          inject: [ModelRouter],
          useFactory: (r: ModelRouter) => new ModelRouterLifecycle(r),
        },
      ],
      exports: [ModelRouter],
    };
  }
}
