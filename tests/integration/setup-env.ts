// Each test worker talks to the test database through the app's own lib/db.
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
