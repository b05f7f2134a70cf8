import { describe, expect, it } from 'vitest';
import { DeliveryTargetError } from '../../core/deliver/progressivePorts.ts';
import { patchedTaskDefinition, withImageTag } from './ecsServiceTarget.ts';

describe('withImageTag', () => {
  it.each([
    ['repo/orders:1', 'repo/orders:fix-1'],
    ['repo/orders', 'repo/orders:fix-1'],
    ['registry.local:5000/team/orders:1.2', 'registry.local:5000/team/orders:fix-1'],
    ['registry.local:5000/orders', 'registry.local:5000/orders:fix-1'],
    [
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/orders@sha256:${'a'.repeat(64)}`,
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:fix-1',
    ],
  ])('%s → %s', (image, expected) => {
    expect(withImageTag(image, 'fix-1')).toBe(expected);
  });

  it('refuses a tag that is not one (it would change the repository)', () => {
    expect(() => withImageTag('repo/orders:1', 'x/../y')).toThrow(DeliveryTargetError);
    expect(() => withImageTag('repo/orders:1', '')).toThrow(DeliveryTargetError);
  });
});

describe('patchedTaskDefinition', () => {
  const current = {
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders:3',
    revision: 3,
    status: 'ACTIVE' as const,
    family: 'orders',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      { name: 'app', image: 'repo/orders:3', environment: [{ name: 'A', value: 'b' }] },
      { name: 'proxy', image: 'repo/envoy:1' },
    ],
  };

  it('changes the named container image only and leaves out what ECS assigns', () => {
    const input = patchedTaskDefinition(current, { container: 'app', imageTag: 'fix' });
    expect(input.containerDefinitions).toEqual([
      { name: 'app', image: 'repo/orders:fix', environment: [{ name: 'A', value: 'b' }] },
      { name: 'proxy', image: 'repo/envoy:1' },
    ]);
    expect(input).toMatchObject({ family: 'orders', cpu: '256', memory: '512' });
    expect(input).not.toHaveProperty('taskDefinitionArn');
    expect(input).not.toHaveProperty('revision');
  });

  it('needs the container named when the task has several, and one that exists', () => {
    expect(() => patchedTaskDefinition(current, { imageTag: 'fix' })).toThrow(/name the one to patch/);
    expect(() => patchedTaskDefinition(current, { container: 'web', imageTag: 'fix' })).toThrow(/no container web/);
    const single = { ...current, containerDefinitions: [{ name: 'app', image: 'repo/orders:3' }] };
    expect(patchedTaskDefinition(single, { imageTag: 'fix' }).containerDefinitions?.[0]?.image).toBe('repo/orders:fix');
  });
});
