import { RoomSequencer } from './room-sequencer.model';

describe(RoomSequencer.name, () => {
  let out: string[];
  let sut: RoomSequencer<string>;

  beforeEach(() => {
    jest.useFakeTimers();
    out = [];
    sut = new RoomSequencer((item) => out.push(item), 200, 5);
  });
  afterEach(() => jest.useRealTimers());

  it("passes a room's messages in order at once, from seq 1", () => {
    sut.push(1, 'a');
    sut.push(2, 'b');
    sut.push(3, 'c');

    expect(out).toEqual(['a', 'b', 'c']);
    expect(sut.heldCount).toBe(0);
  });

  it('holds an early seq 2 that comes before seq 1, and lets both go in order', () => {
    sut.push(2, 'two');
    expect(out).toEqual([]);

    sut.push(1, 'one');
    sut.push(3, 'three');
    expect(out).toEqual(['one', 'two', 'three']);
    expect(sut.heldCount).toBe(0);
  });

  it('joined mid-stream: holds the first seq it sees for the hold time, then goes on from it', () => {
    sut.push(40, 'a');
    sut.push(41, 'b');
    expect(out).toEqual([]);

    jest.advanceTimersByTime(200);
    expect(out).toEqual(['a', 'b']);

    sut.push(42, 'c');
    expect(out).toEqual(['a', 'b', 'c']);
  });

  it('joined mid-stream: an earlier seq that comes within the hold time goes first', () => {
    sut.push(41, 'b');
    sut.push(40, 'a');
    jest.advanceTimersByTime(200);

    expect(out).toEqual(['a', 'b']);
  });

  it('holds a message that came early until the one before it arrives', () => {
    sut.push(10, 'ten');
    jest.advanceTimersByTime(200);
    sut.push(12, 'twelve');
    sut.push(13, 'thirteen');
    expect(out).toEqual(['ten']);

    sut.push(11, 'eleven');
    expect(out).toEqual(['ten', 'eleven', 'twelve', 'thirteen']);
    expect(sut.heldCount).toBe(0);
  });

  it('gives a gap up after the hold time and lets what it held go in order', () => {
    sut.push(1, 'one');
    sut.push(4, 'four');
    sut.push(3, 'three');
    jest.advanceTimersByTime(199);
    expect(out).toEqual(['one']);

    jest.advanceTimersByTime(1);
    expect(out).toEqual(['one', 'three', 'four']);

    sut.push(5, 'five');
    expect(out).toEqual(['one', 'three', 'four', 'five']);
  });

  it('drops a message whose gap was given up (late) and a repeat: never out of order, never twice', () => {
    sut.push(1, 'one');
    sut.push(3, 'three');
    jest.advanceTimersByTime(200);
    sut.push(2, 'two-late');
    sut.push(3, 'three-again');
    sut.push(4, 'four');

    expect(out).toEqual(['one', 'three', 'four']);
  });

  it('lets everything go in order when too many are held', () => {
    sut.push(1, 'one');
    for (const seq of [8, 7, 6, 5, 4, 3]) sut.push(seq, String(seq));

    expect(out).toEqual(['one', '3', '4', '5', '6', '7', '8']);
    expect(sut.heldCount).toBe(0);
  });

  it('delivers nothing held once closed', () => {
    sut.push(1, 'one');
    sut.push(3, 'three');
    sut.close();
    jest.advanceTimersByTime(1000);

    expect(out).toEqual(['one']);
  });
});
