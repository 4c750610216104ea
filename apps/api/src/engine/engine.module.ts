import { Global, Module } from '@nestjs/common';
import { AudiencePort, SegmentCompiler, SegmentExplainer, SegmentVerifier, Understander } from './engine.ports';
import {
  LocalUnderstander,
  SegmentEngineCompiler,
  SegmentEngineExplainer,
  SegmentEngineVerifier,
  WarehouseAudience,
} from './segment-engine.adapters';

/**
 * The engine rooms behind ports. Each provider is the one line to change when a room's export
 * changes: libs/segment-engine (verifySegment, explainSegment, compileSegment),
 * libs/understanding (UnderstandingEngine), libs/warehouse (AudienceService).
 */
@Global()
@Module({
  providers: [
    { provide: SegmentVerifier, useClass: SegmentEngineVerifier },
    { provide: SegmentExplainer, useClass: SegmentEngineExplainer },
    { provide: SegmentCompiler, useClass: SegmentEngineCompiler },
    { provide: Understander, useClass: LocalUnderstander },
    { provide: AudiencePort, inject: [SegmentCompiler], useFactory: (c: SegmentCompiler) => new WarehouseAudience(c) },
  ],
  exports: [SegmentVerifier, SegmentExplainer, SegmentCompiler, Understander, AudiencePort],
})
export class EngineModule {}
