import { Module, type DynamicModule } from '@nestjs/common';
import { defaultSkillsDir } from './skill-loader';
import { SkillRegistry } from './skill-registry';

/** Loads skills/<id>/SKILL.md at start (a broken SKILL.md stops the start, naming the file). */
@Module({})
export class SkillRegistryModule {
  static forRoot(options: { dir?: string } = {}): DynamicModule {
    return {
      module: SkillRegistryModule,
      global: true,
      providers: [
        { provide: SkillRegistry, useFactory: () => SkillRegistry.fromDirectory(options.dir ?? defaultSkillsDir()) },
      ],
      exports: [SkillRegistry],
    };
  }
}
