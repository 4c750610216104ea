import { Global, Module } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { TenantContext } from './tenant-context';

/**
 * nestjs-cls (a context per HTTP request, mounted as middleware) and the TenantContext
 * accessor. Import once in each application's root module.
 */
@Global()
@Module({
  imports: [ClsModule.forRoot({ global: true, middleware: { mount: true } })],
  providers: [TenantContext],
  exports: [TenantContext],
})
export class TenancyModule {}
