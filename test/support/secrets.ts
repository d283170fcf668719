/** Passwords the tests type; the last test checks that no log holds any of them. */
export const TEST_PASSWORDS = ['Weak-pass1', 'Str0ng!Passw0rd-42', 'An0ther!Passw0rd-43'];
