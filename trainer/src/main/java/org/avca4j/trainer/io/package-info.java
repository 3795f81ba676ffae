/** File handling shared by the trainer's packages and the command line: atomic writes. */
package org.avca4j.trainer.io;
