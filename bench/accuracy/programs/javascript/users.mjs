const USERS = { u1: { profile: { name: 'Ada' } } };

function lookup(id) {
  return USERS[id];
}

// @shift
export function displayName(id) {
  const user = lookup(id);
  // Bug: unknown ids give undefined.
  return user.profile.name.toUpperCase();
}
