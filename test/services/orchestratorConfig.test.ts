import { describe, expect, it } from 'vitest';
import { CONSUL_SERVICE_NAMES, SERVICE_PORTS } from '../../infra/cdk/lib/contract.ts';
import { loadOrchestratorConfig, OrchestratorConfigError } from '../../services/orchestrator/config.ts';

describe('orchestrator configuration', () => {
  it('reads an embedded store with the contract defaults', () => {
    const config = loadOrchestratorConfig({ STORE: 'sqlite:/var/lib/homeostasis/healings.db' });
    expect(config).toMatchObject({
      store: { kind: 'sqlite', path: '/var/lib/homeostasis/healings.db' },
      port: SERVICE_PORTS.orchestrator,
      serviceName: CONSUL_SERVICE_NAMES.orchestrator,
      consulAddress: null,
      approvalSweepMs: 30_000,
      watchIntervalMs: 250,
    });
  });

  it('needs every table of the contract for STORE=dynamodb', () => {
    const tables = {
      HEALINGS_TABLE: 'h',
      OCCURRENCES_TABLE: 'o',
      PROCESSED_TABLE: 'p',
      CONTROL_TABLE: 'c',
    };
    expect(loadOrchestratorConfig({ STORE: 'dynamodb', ...tables }).store).toEqual({
      kind: 'dynamodb',
      tables: { healings: 'h', occurrences: 'o', processed: 'p', control: 'c' },
      queues: null,
    });
    const patch = 'http://localhost:4566/000000000000/patch';
    const validate = 'http://localhost:4566/000000000000/validate';
    expect(
      loadOrchestratorConfig({ STORE: 'dynamodb', ...tables, PATCH_QUEUE_URL: patch, VALIDATE_QUEUE_URL: validate })
        .store,
    ).toMatchObject({ queues: { patch, validate } });
    expect(() => loadOrchestratorConfig({ STORE: 'dynamodb', ...tables, PATCH_QUEUE_URL: patch })).toThrow(
      /both PATCH_QUEUE_URL and VALIDATE_QUEUE_URL, or neither/,
    );
    expect(() => loadOrchestratorConfig({ STORE: 'dynamodb', HEALINGS_TABLE: 'h' })).toThrow(
      /OCCURRENCES_TABLE, PROCESSED_TABLE, CONTROL_TABLE/,
    );
  });

  it('refuses a missing or unknown store and bad numbers', () => {
    expect(() => loadOrchestratorConfig({})).toThrow(OrchestratorConfigError);
    expect(() => loadOrchestratorConfig({ STORE: 'postgres://x' })).toThrow(/STORE/);
    expect(() => loadOrchestratorConfig({ STORE: 'sqlite:' })).toThrow(/STORE/);
    expect(() => loadOrchestratorConfig({ STORE: 'sqlite:a.db', PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadOrchestratorConfig({ STORE: 'sqlite:a.db', CONSUL_HTTP_ADDR: 'not a url' })).toThrow(
      /CONSUL_HTTP_ADDR/,
    );
  });
});
