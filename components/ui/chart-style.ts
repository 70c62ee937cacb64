/** recharts tooltip box in the app's theme (light and dark through the CSS variables). */
export const chartTooltipStyle = {
  background: "var(--surface)",
  border: "1px solid var(--border)",
  borderRadius: 8,
  boxShadow: "var(--shadow-md)",
  fontSize: 12,
  color: "var(--text)",
};
