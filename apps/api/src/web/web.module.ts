import { Module } from '@nestjs/common';
import { WebController } from './web.controller';

/** Serves the web page (apps/web/dist) at `/` and `/assets/*`, and the demo key to a local page. */
@Module({ controllers: [WebController] })
export class WebModule {}
