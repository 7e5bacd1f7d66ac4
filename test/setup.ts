// Runs before every test file: Ink must render as in a real terminal (CI=true makes it print
// only the final frame and write a lone "\n" on unmount), and colours must be stable.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
delete process.env.NO_COLOR;
process.env.FORCE_COLOR = '0';
