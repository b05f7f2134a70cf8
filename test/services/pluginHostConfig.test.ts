import { describe, expect, it } from 'vitest';
import { loadPluginHostConfig, PluginHostConfigError } from '../../services/plugin-host/config.ts';
import { HealthState } from '../../services/shared/healthService.ts';

describe('loadPluginHostConfig', () => {
  it('applies the defaults: every plugin, no Consul, 20 s drain', () => {
    expect(loadPluginHostConfig({})).toEqual({
      host: '127.0.0.1',
      advertiseHost: '127.0.0.1',
      port: 50_051,
      languages: null,
      consulAddress: null,
      serviceName: 'homeostasis-plugin-host',
      drainTimeoutMs: 20_000,
      callDelayMs: 0,
    });
  });

  it('reads a configured host', () => {
    const config = loadPluginHostConfig({
      HOST: '0.0.0.0',
      ADVERTISE_HOST: '10.0.3.7',
      PORT: '0',
      LANGUAGES: ' javascript, python ',
      CONSUL_HTTP_ADDR: 'http://127.0.0.1:8500',
      DRAIN_TIMEOUT_MS: '500',
    });
    expect(config).toMatchObject({ port: 0, advertiseHost: '10.0.3.7', languages: ['javascript', 'python'] });
    expect(config.consulAddress).toBe('http://127.0.0.1:8500');
  });

  it.each([
    ['LANGUAGES', 'javascript,cobol'],
    ['LANGUAGES', ''],
    ['PORT', '70000'],
    ['CONSUL_HTTP_ADDR', 'not a url'],
    ['DRAIN_TIMEOUT_MS', '-1'],
  ])('rejects %s=%j with a typed error', (name, value) => {
    expect(() => loadPluginHostConfig({ [name]: value })).toThrow(PluginHostConfigError);
  });
});

describe('HealthState', () => {
  it('reports the whole server and each service, NOT_SERVING until told otherwise', () => {
    const health = new HealthState(['homeostasis.v1.LanguagePlugin']);
    expect(health.statusOf('')).toBe('NOT_SERVING');
    health.setStatus('SERVING');
    expect(health.statusOf('homeostasis.v1.LanguagePlugin')).toBe('SERVING');
    expect(health.statusOf('other.Service')).toBe('SERVICE_UNKNOWN');
  });
});
