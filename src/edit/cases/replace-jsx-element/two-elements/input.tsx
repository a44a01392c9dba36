export const a = <ConvexProvider client={one}><A /></ConvexProvider>;
export const b = <ConvexProvider client={two}><B /></ConvexProvider>;
