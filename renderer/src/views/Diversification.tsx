export function DiversificationView() {
  return null;
}
