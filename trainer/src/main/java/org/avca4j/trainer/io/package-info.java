/**
 * File handling shared by the trainer's packages and the command line: atomic writes that name the
 * file and the reason when they fail, SHA-256 digests of what was written, and locked output
 * folders.
 */
package org.avca4j.trainer.io;
