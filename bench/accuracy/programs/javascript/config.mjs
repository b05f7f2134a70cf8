// @shift
export function parseConfig(text) {
  const config = JSON.parse(text);
  return { ...config, loaded: true };
}

export function parseLimits(text) {
  const limits = JSON.parse(text);
  return Object.keys(limits).length;
}
