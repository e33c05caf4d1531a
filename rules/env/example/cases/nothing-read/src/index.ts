// No env read, no example file: nothing to document.
export const add = (a: number, b: number) => a + b;
