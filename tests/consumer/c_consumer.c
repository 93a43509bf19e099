/* A C program built only with `pkg-config --cflags --libs doorway`: doorway.pc and
 * the installed doorway.h and libdoorway_c agree. Prints the library's version. */
#include <doorway.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char *v = doorway_version();
  printf("%s\n", v);
  return strcmp(v, DOORWAY_VERSION_STRING) == 0 ? 0 : 1;
}
