/** Delete (or Backspace) on a token of the grid: asks first. */
export interface DeleteTokenDialog {
  readonly kind: 'deleteToken';
  readonly tokenId: string;
}
