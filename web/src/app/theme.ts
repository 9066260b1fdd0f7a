import {
  Badge,
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  Notification,
  type VariantColorsResolver,
} from "@mantine/core";

// Tinted ("light") buttons, alerts and badges keep their tint but use the body text colour:
// coloured text on a tint of the same colour misses WCAG AA contrast for most palettes.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  return input.variant === "light" ? { ...colors, color: "var(--mantine-color-text)" } : colors;
};

export const theme = createTheme({
  primaryColor: "indigo",
  // Shade 6 on white is under 4.5:1; 8 passes WCAG AA for text and button labels.
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  headings: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" },
  variantColorResolver,
  components: {
    // Status badges are short: show them whole rather than ellipsed in narrow table cells.
    Badge: Badge.extend({ styles: { label: { overflow: "visible" } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Dismiss" } } }),
  },
});

// Mantine's default "dimmed" and placeholder text (gray 6) and field errors (red 6) fall short of
// WCAG AA contrast on white.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-placeholder": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {
    "--mantine-color-dimmed": "var(--mantine-color-dark-1)",
    "--mantine-color-placeholder": "var(--mantine-color-dark-1)",
    "--mantine-color-error": "var(--mantine-color-red-4)",
  },
});
