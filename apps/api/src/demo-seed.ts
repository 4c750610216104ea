import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApiKeyService, TenantService } from '@smartseg/tenant-config';
import { AppConfig } from '@smartseg/common/server';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_KEY_FILE = 'demo-key.txt';

/**
 * On the first start on the embedded default, creates the `demo` tenant and a demo key
 * (roles admin + pii), prints it and writes it to $SMARTSEG_HOME/demo-key.txt for the web page.
 * Its warehouse and catalog are written by `smartseg demo init`.
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly config: AppConfig,
    private readonly tenants: TenantService,
    private readonly keys: ApiKeyService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.embedded || !this.config.DEMO_TENANT) return;
    if (await this.tenants.find(DEMO_TENANT_ID)) return;
    await this.tenants.create({ id: DEMO_TENANT_ID, name: 'Demo retail (reference tenant)' }, 'system');
    const { key } = await this.keys.create(DEMO_TENANT_ID, { name: 'demo key', roles: ['admin', 'pii'] }, 'system');
    const file = path.join(this.config.SMARTSEG_HOME, DEMO_KEY_FILE);
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
    this.logger.log(`Created tenant '${DEMO_TENANT_ID}' with API key ${key} (also in ${file})`);
  }
}
