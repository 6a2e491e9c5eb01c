export function IndexLabView() {
  return null;
}
