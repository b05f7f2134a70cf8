import { describe, expect, it } from 'vitest';
import { pushToken } from './healDelivery.ts';

const github = (apiUrl: string) => ({ token: 'ghp_x', apiUrl, repository: null });

describe('pushToken', () => {
  it('gives GITHUB_TOKEN to https remotes on the GitHub host of the API URL only', () => {
    expect(pushToken('https://github.com/acme/orders.git', github('https://api.github.com'))).toBe('ghp_x');
    expect(pushToken('https://ghe.acme.dev/acme/orders.git', github('https://ghe.acme.dev/api/v3'))).toBe('ghp_x');
    expect(pushToken('https://gitlab.com/acme/orders.git', github('https://api.github.com'))).toBeNull();
    expect(pushToken('https://github.com/acme/orders.git', github('https://ghe.acme.dev/api/v3'))).toBeNull();
    expect(pushToken('git@github.com:acme/orders.git', github('https://api.github.com'))).toBeNull();
    expect(pushToken('/srv/git/orders.git', github('https://api.github.com'))).toBeNull();
  });
});
