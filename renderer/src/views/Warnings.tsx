export function WarningsView() {
  return null;
}
