#ifndef INFRAGEN_CYAML_SHIM_H
#define INFRAGEN_CYAML_SHIM_H
#include <yaml.h>
#endif
