export function KeysView() {
  return null;
}
