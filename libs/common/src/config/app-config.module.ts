import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig, loadAppConfig } from './app-config';

/** Provides the validated AppConfig (the DI token is the class itself). */
@Global()
@Module({})
export class AppConfigModule {
  /** `config` defaults to the process environment, validated now: a bad setting throws here. */
  static forRoot(config: AppConfig = loadAppConfig()): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}
