export function GradesView() {
  return null;
}
